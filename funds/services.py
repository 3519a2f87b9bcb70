"""Writes to the fund ledger. Each is keyword-only, atomic, validated and records who acted.

Life of an entry: ``entry_draft`` (or ``disbursement_request`` from other apps) → ``entry_submit``
→ ``entry_approve`` / ``entry_reject`` → ``entry_post``. A posted entry is corrected only by
``entry_reverse``, which drafts a reversing entry that follows the same life.

Money safety: ``entry_approve`` and ``entry_post`` lock the fund row (``select_for_update``) for the
whole transaction, so two approvals or postings of the same fund run one after the other: the
balance they check is the balance they change, and the voucher number they take is the next free
one (a unique constraint backs that up).
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import acting_as
from accounts.models import Area
from children.models import Support
from children.services import support_record
from core.formatting import format_vnd
from core.uploads import check_document

from .figures import entries_waiting, fund_balance
from .models import Entry, Fund, FundYear
from .workflow import ENTRY, may

S = Entry.Status
C = Entry.Category

# Which kind of support a payment to a child is in the registry.
SUPPORT_KIND = {
    C.GIFTS: Support.Kind.GIFT,
    C.SCHOLARSHIPS: Support.Kind.EDUCATION,
    C.HEALTH: Support.Kind.HEALTH,
    C.EMERGENCY: Support.Kind.OTHER,
    C.EVENTS: Support.Kind.OTHER,
    C.COMMUNICATION: Support.Kind.OTHER,
    C.OTHER: Support.Kind.OTHER,
}

EDITABLE_FIELDS = (
    "kind",
    "entry_date",
    "amount",
    "category",
    "counterparty",
    "counterparty_address",
    "purpose",
    "child",
)


def _lock_fund(fund: Fund) -> Fund:
    """Lock the fund row until the end of the transaction (serialises approvals and postings)."""
    return Fund.objects.select_for_update().get(pk=fund.pk)


def _lock_entry(entry: Entry) -> Entry:
    return Entry.objects.select_for_update(of=("self",)).select_related("fund__commune", "reverses").get(pk=entry.pk)


def _require_status(entry: Entry, *allowed: str) -> None:
    if entry.status not in allowed:
        if entry.status == S.POSTED:
            raise ValidationError(
                _("Entry %(ref)s is posted: it can no longer change. Correct it with a reversing entry.")
                % {"ref": entry.voucher_code}
            )
        raise ValidationError(
            _("This cannot be done to an entry that is %(status)s.") % {"status": entry.get_status_display()}
        )


def _check(entry: Entry, action: str, user) -> None:
    """The entry's workflow table (``funds/workflow.py``) allows ``action`` in its state, to ``user``'s roles."""
    if user is not None and not may(user, action, entry.fund.commune):
        raise PermissionDenied(_("You do not have the right to do this."))
    if entry.status == S.POSTED:
        _require_status(entry)
    ENTRY.check(action, entry.status)


def open_year_for(fund: Fund, day: date) -> FundYear:
    """The open year of ``fund`` that ``day`` falls in, or a ValidationError naming the date."""
    fund_year = FundYear.objects.filter(fund=fund, year=day.year).first()
    if fund_year is None:
        raise ValidationError({"entry_date": _("The book of %(year)s is not open for this fund.") % {"year": day.year}})
    if fund_year.is_closed:
        raise ValidationError(
            {
                "entry_date": _("The year %(year)s is closed: it accepts no new entries (date %(date)s).")
                % {"year": day.year, "date": day.strftime("%d/%m/%Y")}
            }
        )
    if day < fund.started_on:
        raise ValidationError(
            {
                "entry_date": _("The book of this fund starts on %(date)s.")
                % {"date": fund.started_on.strftime("%d/%m/%Y")}
            }
        )
    return fund_year


def _validate(entry: Entry) -> None:
    """Rules that span fields; field rules (amount 1 … 10^12, choices) come from full_clean()."""
    entry.full_clean()
    allowed = Entry.RECEIPT_CATEGORIES if entry.kind == Entry.Kind.RECEIPT else Entry.DISBURSEMENT_CATEGORIES
    if entry.category not in allowed:
        raise ValidationError(
            {"category": _("This category does not fit a %(kind)s.") % {"kind": entry.get_kind_display()}}
        )
    if entry.child_id:
        if entry.kind != Entry.Kind.DISBURSEMENT:
            raise ValidationError({"child": _("Only a payment can name the child it pays.")})
        if entry.child.village.parent_id != entry.fund.commune_id:
            raise ValidationError({"child": _("The child must live in the fund's commune.")})
    open_year_for(entry.fund, entry.entry_date)


# --- funds and years ---------------------------------------------------------------------------


@transaction.atomic
def fund_create(
    *,
    commune: Area,
    kind: str = Fund.Kind.CHILD_PROTECTION,
    name: str = "",
    started_on: date,
    brought_forward: int = 0,
    user=None,
) -> Fund:
    """Start the book of a fund in a commune, with the cash it held on ``started_on`` and that year open."""
    if commune.kind != Area.Kind.COMMUNE:
        raise ValidationError({"commune": _("A fund belongs to a commune.")})
    fund = Fund(
        commune=commune,
        kind=kind,
        name=name or str(Fund.Kind(kind).label),
        started_on=started_on,
        brought_forward=brought_forward,
    )
    fund.full_clean()
    acting_as(fund, user).save()
    year = FundYear(fund=fund, year=started_on.year, opened_by=user)
    year.full_clean()
    acting_as(year, user).save()
    return fund


@transaction.atomic
def year_open(*, fund: Fund, year: int, user) -> FundYear:
    """Open the next year of a fund's book; its opening balance is carried from the years before."""
    fund = _lock_fund(fund)
    last = fund.years.aggregate(m=Max("year"))["m"]
    if last is not None and year != last + 1:
        raise ValidationError(
            {"year": _("Open the years in order: the next year to open is %(year)s.") % {"year": last + 1}}
        )
    fund_year = FundYear(fund=fund, year=year, opened_by=user)
    fund_year.full_clean()
    acting_as(fund_year, user).save()
    return fund_year


@transaction.atomic
def year_close(*, fund_year: FundYear, user) -> FundYear:
    """Close a year: refused while entries of that year still wait to be approved or posted."""
    _lock_fund(fund_year.fund)
    fund_year = FundYear.objects.select_for_update().get(pk=fund_year.pk)
    if fund_year.is_closed:
        raise ValidationError(_("The year %(year)s is already closed.") % {"year": fund_year.year})
    pending = Entry.objects.filter(
        fund=fund_year.fund, entry_date__year=fund_year.year, status__in=Entry.WAITING
    ).count()
    if pending:
        raise ValidationError(
            _(
                "%(count)s entries of %(year)s are not posted yet: post them, reject them or discard the drafts "
                "before closing the year."
            )
            % {"count": pending, "year": fund_year.year}
        )
    fund_year.closed_at = timezone.now()
    fund_year.closed_by = user
    acting_as(fund_year, user).save(update_fields=["closed_at", "closed_by"])
    return fund_year


# --- entries -----------------------------------------------------------------------------------


@transaction.atomic
def entry_draft(
    *,
    fund: Fund,
    kind: str,
    entry_date: date,
    amount: int,
    category: str,
    purpose: str,
    user,
    counterparty: str = "",
    counterparty_address: str = "",
    child=None,
) -> Entry:
    """Draft a receipt or a disbursement in an open year of the fund."""
    entry = Entry(
        fund=fund,
        kind=kind,
        entry_date=entry_date,
        amount=amount,
        category=category,
        purpose=purpose,
        counterparty=counterparty,
        counterparty_address=counterparty_address,
        child=child,
        created_by=user,
    )
    _validate(entry)
    acting_as(entry, user).save()
    return entry


@transaction.atomic
def disbursement_request(
    *,
    commune: Area,
    amount: int,
    category: str,
    purpose: str,
    requested_by,
    counterparty: str = "",
    entry_date: date | None = None,
    child=None,
    fund_kind: str = Fund.Kind.CHILD_PROTECTION,
) -> Entry:
    """A DRAFT disbursement in the commune's fund, for other apps (gift lists, events) asking for money.

    The caller keeps its own link to the returned entry and shows ``entry.display()``.
    """
    fund = Fund.objects.filter(commune=commune, kind=fund_kind).first()
    if fund is None:
        raise ValidationError(
            _("%(commune)s has no %(fund)s book in the portal yet.")
            % {"commune": commune.name, "fund": Fund.Kind(fund_kind).label}
        )
    return entry_draft(
        fund=fund,
        kind=Entry.Kind.DISBURSEMENT,
        entry_date=entry_date or timezone.localdate(),
        amount=amount,
        category=category,
        purpose=purpose,
        counterparty=counterparty,
        child=child,
        user=requested_by,
    )


@transaction.atomic
def entry_update(*, entry: Entry, user, **changes) -> Entry:
    """Change a draft (or a rejected entry, which goes back to draft). A posted entry is refused."""
    entry = _lock_entry(entry)
    _require_status(entry, *Entry.EDITABLE)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if entry.is_reversal and set(changes) - {"entry_date", "purpose"}:
        raise ValidationError(_("A reversing entry keeps the amount, kind and category of the entry it reverses."))
    for name, value in changes.items():
        setattr(entry, name, value)
    entry.status = S.DRAFT
    _validate(entry)
    acting_as(entry, user).save()
    return entry


@transaction.atomic
def entry_discard(*, entry: Entry, user) -> None:
    """Delete a draft or rejected entry that never reached the book (the history keeps it)."""
    entry = _lock_entry(entry)
    _require_status(entry, *Entry.EDITABLE)
    if entry.attachments.exists():
        for attachment in entry.attachments.all():
            attachment.file.delete(save=False)
            acting_as(attachment, user).delete()
    acting_as(entry, user).delete()


@transaction.atomic
def entry_submit(*, entry: Entry, user) -> Entry:
    """Send a draft to the chairman for approval."""
    entry = _lock_entry(entry)
    _check(entry, "submit", user)
    _validate(entry)
    entry.status = S.SUBMITTED
    entry.submitted_at = timezone.now()
    entry.submitted_by = user
    entry.rejection_reason = ""
    acting_as(entry, user).save()
    return entry


def _check_balance(fund: Fund, entry: Entry) -> None:
    if not entry.reduces_balance:
        return
    balance = fund_balance(fund=fund)
    if balance + entry.signed_amount < 0:
        raise ValidationError(
            _("The fund does not have enough money: the balance is %(balance)s and this entry takes %(amount)s.")
            % {"balance": format_vnd(balance), "amount": format_vnd(entry.amount)}
        )


@transaction.atomic
def entry_approve(*, entry: Entry, user) -> Entry:
    """The chairman approves a submitted entry; a payment the balance cannot cover is refused."""
    fund = _lock_fund(entry.fund)
    entry = _lock_entry(entry)
    _check(entry, "approve", user)
    open_year_for(fund, entry.entry_date)
    _check_balance(fund, entry)
    entry.status = S.APPROVED
    entry.decided_at = timezone.now()
    entry.decided_by = user
    acting_as(entry, user).save()
    return entry


@transaction.atomic
def entry_reject(*, entry: Entry, user, reason: str) -> Entry:
    """The chairman returns a submitted entry with a reason; the drafter may correct and resubmit it."""
    entry = _lock_entry(entry)
    _check(entry, "reject", user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for rejecting, so the drafter can correct it.")})
    entry.status = S.REJECTED
    entry.decided_at = timezone.now()
    entry.decided_by = user
    entry.rejection_reason = reason[:500]
    acting_as(entry, user).save()
    return entry


@transaction.atomic
def entry_return(*, entry: Entry, user, reason: str) -> Entry:
    """The chairman withdraws the approval of an entry not yet posted and returns it to its author with
    a reason (e.g. its date is before the last posted entry); the author corrects and resubmits it."""
    entry = _lock_entry(entry)
    _check(entry, "return", user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for returning, so the drafter can correct it.")})
    entry.status = S.REJECTED
    entry.decided_at = timezone.now()
    entry.decided_by = user
    entry.rejection_reason = reason[:500]
    acting_as(entry, user).save()
    return entry


def _last_posted_date(fund: Fund) -> date | None:
    return Entry.objects.filter(fund=fund, status=S.POSTED).aggregate(m=Max("entry_date"))["m"]


def next_to_post(fund: Fund, year: int | None = None) -> Entry | None:
    """The approved entry the accountant posts next (in ``year``'s book, or any): the earliest by date
    (then by number) among those the cash book can still take (not dated before its last posted entry)."""
    qs = Entry.objects.filter(fund=fund, status=S.APPROVED)
    if year is not None:
        qs = qs.filter(entry_date__year=year)
    last = _last_posted_date(fund)
    if last:
        qs = qs.filter(entry_date__gte=last)
    return qs.order_by("entry_date", "pk").first()


def stuck_approved(fund: Fund):
    """Approved entries dated before the last posted one: the cash book cannot take them; the chairman
    returns them to their authors (``entry_return``) to change the date."""
    last = _last_posted_date(fund)
    qs = Entry.objects.filter(fund=fund, status=S.APPROVED)
    return qs.filter(entry_date__lt=last).order_by("entry_date", "pk") if last else qs.none()


@transaction.atomic
def entry_post(*, entry: Entry, user) -> Entry:
    """Record an approved entry in the cash book with the next voucher number of its fund, kind and year.

    Refused when the year is closed, when its date is before the last posted entry (the cash book
    runs in date order) or when a payment would take the balance below zero. A payment to a child
    records that child's support in the registry.
    """
    fund = _lock_fund(entry.fund)
    entry = _lock_entry(entry)
    _check(entry, "post", user)
    open_year_for(fund, entry.entry_date)
    first = next_to_post(fund, entry.entry_date.year)
    if first is not None and first.entry_date < entry.entry_date:
        raise ValidationError(
            _(
                "The cash book runs in date order: post entry #%(pk)s dated %(date)s first "
                "(the earliest approved entry)."
            )
            % {"pk": first.pk, "date": first.entry_date.strftime("%d/%m/%Y")}
        )
    last_date = _last_posted_date(fund)
    if last_date and entry.entry_date < last_date:
        raise ValidationError(
            {
                "entry_date": _(
                    "The cash book already runs to %(last)s: an entry dated %(date)s cannot be posted after it. "
                    "The chairman can return it to its author to change the date."
                )
                % {"last": last_date.strftime("%d/%m/%Y"), "date": entry.entry_date.strftime("%d/%m/%Y")}
            }
        )
    _check_balance(fund, entry)
    year = entry.entry_date.year
    last_number = Entry.objects.filter(fund=fund, kind=entry.kind, voucher_year=year).aggregate(
        m=Max("voucher_number")
    )["m"]
    entry.voucher_year = year
    entry.voucher_number = (last_number or 0) + 1
    entry.status = S.POSTED
    entry.posted_at = timezone.now()
    entry.posted_by = user
    if entry.child_id and not entry.is_reversal:
        entry.support = support_record(
            child=entry.child,
            kind=SUPPORT_KIND.get(entry.category, Support.Kind.OTHER),
            date=entry.entry_date,
            source=Support.Source.FUND,
            amount=entry.amount,
            note=f"{entry.voucher_code}: {entry.purpose}"[:300],
            recorded_by=user,
        )
    entry.full_clean()
    acting_as(entry, user).save()
    return entry


@transaction.atomic
def entry_reverse(*, entry: Entry, user, reason: str, entry_date: date | None = None) -> Entry:
    """Draft the reversing entry of a posted entry: same kind, category and amount, counted negative.

    It goes through approval and posting like any entry; the original stays in the book, and both
    show each other.
    """
    fund = _lock_fund(entry.fund)
    entry = _lock_entry(entry)
    if entry.status != S.POSTED:
        raise ValidationError(_("Only a posted entry is corrected by reversing it; change a draft directly."))
    if entry.is_reversal:
        raise ValidationError(_("A reversing entry cannot itself be reversed; draft a new entry instead."))
    if entry.reversals.exclude(status=S.REJECTED).exists():
        raise ValidationError(_("Entry %(ref)s already has a reversing entry.") % {"ref": entry.voucher_code})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the entry is reversed.")})
    reversal = Entry(
        fund=fund,
        kind=entry.kind,
        entry_date=entry_date or timezone.localdate(),
        amount=entry.amount,
        category=entry.category,
        counterparty=entry.counterparty,
        counterparty_address=entry.counterparty_address,
        purpose=(_("Reversal of %(ref)s: %(reason)s") % {"ref": entry.voucher_code, "reason": reason})[:500],
        reverses=entry,
        created_by=user,
    )
    _validate(reversal)
    acting_as(reversal, user).save()
    return reversal


# --- attachments -------------------------------------------------------------------------------


@transaction.atomic
def attachment_add(*, entry: Entry, upload, user):
    """Attach a scanned document to an entry: PDF, JPEG or PNG, at most 5 MB, checked by its content.

    Adding evidence is allowed at any stage (the signed receipt often comes after payment); the
    entry's own fields do not change.
    """
    from .models import Attachment

    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:200]
    sniffed = check_document(upload)
    attachment = Attachment(entry=entry, original_name=name, content_type=sniffed, size=upload.size, uploaded_by=user)
    attachment.file.save(name, upload, save=False)
    try:
        attachment.full_clean()
        acting_as(attachment, user).save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


# --- the area tree changes (accounts.reform) ---------------------------------------------------


def reform_step(move) -> None:
    """Each book of a merged commune is closed with its balance carried to the receiving commune's
    book of the same kind: a payment voucher (PC) dated the day before empties the old book, a
    receipt voucher (PT) dated the day opens the new one with the same amount. Both are category
    "balance carried on a merger", which the figures of receipts and spending leave out. The old
    book's years are closed, except a year with entries still waiting (draft, submitted, approved):
    those stay in the old book, which nobody can act on after the day (its commune is closed). A
    posted entry dated on or after the day refuses the merger (it belongs to the new book)."""
    if not move.close_sources:
        move.say(_("Villages moving alone: the fund books stay with their communes."))
        return
    before, on = move.day_before, move.on_date
    for fund in Fund.objects.filter(commune__in=[s.pk for s in move.sources]).select_related("commune"):
        pending = entries_waiting(fund=fund)
        if pending:
            move.say(
                _(
                    "%(fund)s of %(commune)s: %(count)s entries not posted stay in the old book and can no longer be posted."
                )
                % {"fund": fund.name, "commune": fund.commune.name, "count": pending}
            )
        later = Entry.objects.filter(fund=fund, status=S.POSTED, entry_date__gte=on).first()
        if later:
            raise ValidationError(
                _("%(fund)s of %(commune)s has entry %(ref)s dated on or after %(date)s: it belongs to the new book.")
                % {"fund": fund.name, "commune": fund.commune.name, "ref": later.voucher_code,
                   "date": on.strftime("%d/%m/%Y")}
            )  # fmt: skip
        balance = fund_balance(fund=fund, through=before)
        move.say(
            _("%(fund)s of %(commune)s: balance %(amount)s on %(date)s carried to %(target)s.")
            % {"fund": fund.name, "commune": fund.commune.name, "amount": format_vnd(balance),
               "date": before.strftime("%d/%m/%Y"), "target": move.target.name}
        )  # fmt: skip
        if move.dry_run:
            continue
        target = Fund.objects.filter(commune=move.target, kind=fund.kind).first()
        if target is None:
            target = fund_create(commune=move.target, kind=fund.kind, name=fund.name, started_on=on, user=move.user)
        elif not FundYear.objects.filter(fund=target, year=on.year).exists():
            raise ValidationError(
                _("The book of %(year)s of %(fund)s is not open.") % {"year": on.year, "fund": target.name}
            )
        if balance:
            _post_transfer(fund, Entry.Kind.DISBURSEMENT, before, balance, move.target, move.user)
            _post_transfer(target, Entry.Kind.RECEIPT, on, balance, fund.commune, move.user)
        waiting = set(
            Entry.objects.filter(fund=fund, status__in=Entry.WAITING).values_list("entry_date__year", flat=True)
        )
        for fund_year in FundYear.objects.filter(fund=fund, closed_at__isnull=True).exclude(year__in=waiting):
            year_close(fund_year=fund_year, user=move.user)


def _post_transfer(fund: Fund, kind: str, day: date, amount: int, other: Area, user) -> Entry:
    if kind == Entry.Kind.DISBURSEMENT:
        purpose = _("Balance carried to the fund of %(commune)s (merger of communes)") % {"commune": other.name}
    else:
        purpose = _("Balance carried from the fund of %(commune)s (merger of communes)") % {"commune": other.name}
    last = fund.years.aggregate(m=Max("year"))["m"] or day.year - 1
    for year in range(last + 1, day.year + 1):  # the years between are opened in order, empty
        year_open(fund=fund, year=year, user=user)
    entry = Entry(
        fund=fund, kind=kind, status=S.APPROVED, entry_date=day, amount=amount, category=Entry.Category.TRANSFER,
        counterparty=f"UBND {other.name}", purpose=purpose, created_by=user, decided_by=user,
        decided_at=timezone.now(),
    )  # fmt: skip
    acting_as(entry, user).save()
    # posted by the merger itself (authorised by ``areas.reorganise``, recorded in accounts.Reorganisation),
    # not by an accountant of the commune: no workflow check, no poster
    return entry_post(entry=entry, user=None)
