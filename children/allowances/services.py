"""The allowance rules applied: proposals from the registry, confirmation and end of an entitlement,
the monthly list (amounts, arrears, changes) and marking it paid (which writes the support records).

A month is the date of its first day. The age that decides a child's coefficient in month M is the
age reached by the last day of the month before (a coefficient that changes with age changes from the
month after the birthday), and the allowance is paid up to the month of the 16th birthday (it stops
from the month after turning 16). Every amount is coefficient × base level in force that month,
rounded to whole VND.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from accounts.audit import acting_as
from accounts.models import Area
from children.models import ADULT_AGE, Child, ChildCircumstance, Disability, Support, age_on

from .models import BaseLevel, Category, CoefficientRule, EndReason, Entitlement, PaymentItem, PaymentList

# --- months ---------------------------------------------------------------------------------------


def month_of(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def month_end(month: date) -> date:
    return add_months(month, 1) - timedelta(days=1)


def months(first: date, last: date) -> list[date]:
    out, m = [], month_of(first)
    while m <= last:
        out.append(m)
        m = add_months(m, 1)
    return out


def month_of_16th_birthday(date_of_birth: date) -> date:
    try:
        birthday = date_of_birth.replace(year=date_of_birth.year + ADULT_AGE)
    except ValueError:  # 29 February
        birthday = date(date_of_birth.year + ADULT_AGE, 3, 1)
    return month_of(birthday)


def age_for_month(date_of_birth: date, month: date) -> int:
    """The age that decides the coefficient of ``month``: completed years on the last day of the month before."""
    return age_on(date_of_birth, month - timedelta(days=1))


def amount(coefficient: Decimal, base: int) -> int:
    return int((Decimal(coefficient) * base).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --- the rules, loaded once per computation ----------------------------------------------------------


class Rules:
    """The base levels and coefficients as data, read once; lookups by month are in memory."""

    def __init__(self):
        self.levels = list(BaseLevel.objects.order_by("valid_from"))
        self._level_days = [row.valid_from for row in self.levels]
        self.by_category: dict[str, list[CoefficientRule]] = defaultdict(list)
        for rule in CoefficientRule.objects.order_by("valid_from"):
            self.by_category[rule.category].append(rule)

    def base_level(self, month: date) -> BaseLevel | None:
        i = bisect_right(self._level_days, month)
        return self.levels[i - 1] if i else None

    def coefficient(self, category: str, age: int, month: date) -> CoefficientRule | None:
        """The rule in force in ``month`` for ``category`` and ``age`` (the latest ``valid_from`` by then)."""
        found = None
        for rule in self.by_category.get(category, ()):
            if rule.valid_from <= month and rule.age_from <= age <= rule.age_to:
                found = rule  # ordered by valid_from: the last one wins
        return found

    def due(self, entitlement: Entitlement, month: date) -> tuple[int, Decimal, int] | None:
        """(amount, coefficient, base) due for ``month``, or None when nothing is due that month."""
        if month < entitlement.start_month or month > entitlement.last_month:
            return None
        level = self.base_level(month)
        rule = self.coefficient(entitlement.category, age_for_month(entitlement.child.date_of_birth, month), month)
        if level is None or rule is None:
            return None
        return amount(rule.coefficient, level.amount), rule.coefficient, level.amount


# --- proposals ------------------------------------------------------------------------------------


@dataclass
class Proposal:
    child: Child
    category: str
    rule: CoefficientRule
    reason: str
    confidential: bool
    circumstance: ChildCircumstance | None = None
    disability: Disability | None = None

    @property
    def category_label(self) -> str:
        return Category(self.category).label


def _fmt_coefficient(value: Decimal) -> str:
    return f"{value:.1f}".replace(".", ",")


def proposals(commune: Area, *, on: date, rules: Rules | None = None) -> list[Proposal]:
    """Children of ``commune`` on ``on`` whom the rules make eligible and who have no open entitlement:
    the category with the highest coefficient (a child receives one allowance, the highest), with the reason."""
    rules = rules or Rules()
    month = month_of(on)
    children = Child.objects.children_of(commune, on).select_related("village")
    open_children = Entitlement.objects.filter(Q(end_month__isnull=True) | Q(end_month__gte=month)).values("child")
    children = children.exclude(pk__in=open_children)
    circumstances = defaultdict(list)
    for c in ChildCircumstance.objects.current_on(on).filter(child__in=children.values("pk")).select_related("group"):
        circumstances[c.child_id].append(c)
    disabilities = defaultdict(list)
    for d in Disability.objects.known_on(on).filter(child__in=children.values("pk")):
        disabilities[d.child_id].append(d)
    wanted = set(circumstances)
    out = []
    for child in children.filter(pk__in=wanted):
        age = age_for_month(child.date_of_birth, month)
        best = None
        for category in rules.by_category:
            rule = rules.coefficient(category, age, month)
            if rule is None:
                continue
            if rule.poor_household_only and child.poverty == Child.Poverty.NONE:
                continue
            for circumstance in circumstances[child.pk]:
                if circumstance.group.letter not in rule.letters:
                    continue
                disability = None
                if rule.disability_level:
                    disability = next((d for d in disabilities[child.pk] if d.level == rule.disability_level), None)
                    if disability is None:
                        continue
                if best is None or rule.coefficient > best[0].coefficient:
                    best = (rule, circumstance, disability)
        if best is None:
            continue
        rule, circumstance, disability = best
        parts = [str(circumstance.group)]
        if disability is not None:
            parts.append(_("disability: %(type)s, %(level)s") % {
                "type": disability.get_type_display(), "level": disability.get_level_display()})  # fmt: skip
        if rule.poor_household_only:
            parts.append(child.get_poverty_display())
        parts.append(_("%(age)d years old") % {"age": age})
        reason = _("%(facts)s — coefficient %(coefficient)s (%(source)s)") % {
            "facts": "; ".join(parts),
            "coefficient": _fmt_coefficient(rule.coefficient),
            "source": rule.source,
        }
        out.append(
            Proposal(
                child=child,
                category=rule.category,
                rule=rule,
                reason=reason,
                confidential=circumstance.is_confidential,
                circumstance=circumstance,
                disability=disability,
            )
        )
    return out


# --- confirming and ending -------------------------------------------------------------------------


@transaction.atomic
def entitlement_confirm(
    *,
    user,
    proposal: Proposal,
    commune: Area,
    decision_number: str,
    decision_date: date,
    decision_issuer: str,
    start_month: date | None = None,
) -> Entitlement:
    """Record the decision on a proposal. Paid from ``start_month`` (default: the month of the decision,
    Decree 20/2021 Art. 8); an earlier start means the months before the decision are paid in arrears."""
    start = month_of(start_month or decision_date)
    errors = {}
    if not decision_number.strip():
        errors["decision_number"] = _("Enter the decision number.")
    if start > month_of(decision_date):
        errors["start_month"] = _("The allowance cannot start after the month of the decision.")
    if start > month_of_16th_birthday(proposal.child.date_of_birth):
        errors["start_month"] = _("The child is 16 by then.")
    if Entitlement.objects.filter(child=proposal.child).filter(
        Q(end_month__isnull=True) | Q(end_month__gte=start)
    ).exists():  # fmt: skip
        errors["child"] = _("This child already has an allowance in those months.")
    if errors:
        raise ValidationError(errors)
    entitlement = Entitlement(
        child=proposal.child,
        commune=commune,
        category=proposal.category,
        reason=proposal.reason,
        confidential=proposal.confidential,
        circumstance=proposal.circumstance,
        disability=proposal.disability,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        decision_issuer=decision_issuer.strip(),
        start_month=start,
        confirmed_by=user,
    )
    entitlement.full_clean()
    acting_as(entitlement, user).save()
    return entitlement


@transaction.atomic
def entitlement_end(*, user, entitlement: Entitlement, reason: str, on: date, note: str = "") -> Entitlement:
    """End the allowance after the month of ``on`` (the event's or the decision's date): paid for that
    month, stopped from the next (Decree 20/2021 Art. 8)."""
    if reason not in EndReason.values:
        raise ValidationError({"reason": _("Choose why the allowance ends.")})
    last = month_of(on)
    if last < entitlement.start_month:
        raise ValidationError({"on": _("The end is before the allowance started.")})
    paid_after = entitlement.items.filter(for_month__gt=last).exists()
    if paid_after:
        raise ValidationError({"on": _("Months after this date have already been paid.")})
    entitlement.end_month = last
    entitlement.end_reason = reason
    entitlement.end_note = note
    acting_as(entitlement, user).save()
    return entitlement


# --- the monthly list ------------------------------------------------------------------------------


@dataclass
class Line:
    entitlement: Entitlement
    child: Child
    village: Area
    coefficient: Decimal
    base: int
    monthly: int
    arrears: int = 0
    arrears_months: list[date] = field(default_factory=list)
    arrears_items: list[tuple[date, int, Decimal, int]] = field(default_factory=list)
    change: str = ""  # "new", "changed" or ""
    change_note: str = ""

    @property
    def total(self) -> int:
        return self.monthly + self.arrears

    @property
    def confidential(self) -> bool:
        return self.entitlement.confidential


@dataclass
class Stopped:
    entitlement: Entitlement
    child: Child
    village: Area
    reason: str


@dataclass
class MonthlyList:
    area: Area
    month: date
    lines: list[Line]
    stopped: list[Stopped]
    base_level: BaseLevel | None
    paid: PaymentList | None = None

    @property
    def children(self) -> int:
        return len(self.lines)

    @property
    def monthly_total(self) -> int:
        return sum(line.monthly for line in self.lines)

    @property
    def arrears_total(self) -> int:
        return sum(line.arrears for line in self.lines)

    @property
    def total(self) -> int:
        return sum(line.total for line in self.lines)

    @property
    def new(self) -> list[Line]:
        return [line for line in self.lines if line.change == "new"]

    @property
    def changed(self) -> list[Line]:
        return [line for line in self.lines if line.change == "changed"]


def entitlements_in(area: Area):
    """Entitlements of children living in ``area`` (a village: its children whose allowance its commune
    pays; a commune or more: every entitlement paid by a commune there)."""
    qs = Entitlement.objects.select_related("child", "child__village", "commune")
    if area.kind == Area.Kind.VILLAGE:
        return qs.filter(child__village=area, commune=area.parent_id)  # paid by the village's own commune
    return qs.filter(commune__path__startswith=area.path)


def _in_list(entitlement: Entitlement, month: date) -> bool:
    """In the list of ``month``: decided by the month's end, and paid that month."""
    return entitlement.decision_date <= month_end(month) and entitlement.start_month <= month <= entitlement.last_month


def _stop_reason(entitlement: Entitlement, month: date) -> str:
    if entitlement.end_month is not None and entitlement.end_month < month and entitlement.end_reason:
        return entitlement.get_end_reason_display()
    return EndReason.TURNED_16.label


def monthly_list(area: Area, month: date, *, rules: Rules | None = None, entitlements=None) -> MonthlyList:
    """The list of ``month`` for ``area``: every entitlement in force, its amount, arrears (months due
    from the start that were paid less than due, or not at all: a late decision, a base level that
    changed after a list was paid) and the changes since the month before (new, stopped, changed).
    A fixed number of queries whatever the number of children."""
    rules = rules or Rules()
    month = month_of(month)
    previous = add_months(month, -1)
    qs = entitlements if entitlements is not None else entitlements_in(area)
    candidates = [
        e
        for e in qs.filter(start_month__lte=month).exclude(end_month__lt=previous)
        if _in_list(e, month) or _in_list(e, previous)
    ]
    ids = [e.pk for e in candidates]
    paid = defaultdict(int)  # (entitlement, month) → paid before this month's list
    paid_rows = PaymentItem.objects.filter(entitlement__in=ids, payment_list__month__lt=month)
    for entitlement_id, for_month, total in (
        paid_rows.values("entitlement", "for_month").annotate(total=Sum("amount")).values_list(
            "entitlement", "for_month", "total")
    ):  # fmt: skip
        paid[(entitlement_id, for_month)] = total
    lines, stopped = [], []
    for e in candidates:
        now = _in_list(e, month) and rules.due(e, month)
        before = _in_list(e, previous) and rules.due(e, previous)
        if not now:
            if before:
                stopped.append(Stopped(e, e.child, e.child.village, _stop_reason(e, month)))
            continue
        monthly, coefficient, base = now
        line = Line(e, e.child, e.child.village, coefficient, base, monthly)
        for m in months(e.start_month, previous):
            due = rules.due(e, m)
            if due is None:
                continue
            owed = due[0] - paid.get((e.pk, m), 0)
            if owed > 0:
                line.arrears += owed
                line.arrears_months.append(m)
                line.arrears_items.append((m, owed, due[1], due[2]))
        if not before:
            line.change = "new"
        elif before[0] != monthly:
            line.change = "changed"
            if before[2] != base:
                line.change_note = _("base level changed")
            else:
                line.change_note = _("coefficient changed with age")
        lines.append(line)
    lines.sort(key=lambda line: (line.village.path, line.child.sort_key, line.child.pk))
    stopped.sort(key=lambda s: (s.village.path, s.child.sort_key))
    paid_list = None
    if area.kind in (Area.Kind.COMMUNE, Area.Kind.VILLAGE):
        commune = area if area.kind == Area.Kind.COMMUNE else area.parent
        paid_list = PaymentList.objects.filter(commune=commune, month=month).first()
    if paid_list is not None:
        lines = _paid_lines(paid_list, area, month, {line.entitlement.pk: line for line in lines})
    return MonthlyList(area, month, lines, stopped, rules.base_level(month), paid_list)


def _paid_lines(paid_list: PaymentList, area: Area, month: date, computed: dict[int, Line]) -> list[Line]:
    """The lines of a paid list as they were paid (the stored items), whatever the rules say today."""
    items = paid_list.items.select_related("entitlement", "entitlement__child", "village").order_by("for_month")
    if area.kind == Area.Kind.VILLAGE:
        items = items.filter(village=area)
    by_entitlement: dict[int, Line] = {}
    for item in items:
        line = by_entitlement.get(item.entitlement_id)
        if line is None:
            e = item.entitlement
            line = by_entitlement[e.pk] = Line(e, e.child, item.village, item.coefficient, item.base_amount, 0)
            found = computed.get(e.pk)
            if found is not None:
                line.change, line.change_note = found.change, found.change_note
        if item.for_month == month:
            line.monthly, line.coefficient, line.base = item.amount, item.coefficient, item.base_amount
        else:
            line.arrears += item.amount
            line.arrears_months.append(item.for_month)
            line.arrears_items.append((item.for_month, item.amount, item.coefficient, item.base_amount))
    lines = list(by_entitlement.values())
    lines.sort(key=lambda line: (line.village.path, line.child.sort_key, line.child.pk))
    return lines


# --- paying -----------------------------------------------------------------------------------------


def support_note(month: date, arrears_months: list[date]) -> str:
    note = f"Trợ cấp xã hội hằng tháng {month:%m/%Y}"
    if arrears_months:
        note += f" (gồm truy lĩnh {len(arrears_months)} tháng: {arrears_months[0]:%m/%Y}–{arrears_months[-1]:%m/%Y})"
    return note


@transaction.atomic
def list_mark_paid(*, user, commune: Area, month: date, paid_on: date, payer: str, rules: Rules | None = None):
    """Mark the commune's list of ``month`` paid on ``paid_on`` by ``payer``: the list is stored as paid
    (items per month, arrears included) and each child's support record is written from it."""
    month = month_of(month)
    errors = {}
    if PaymentList.objects.filter(commune=commune, month=month).exists():
        errors["month"] = _("This month's list has already been marked paid.")
    if paid_on < month:
        errors["paid_on"] = _("The payment date is before the month of the list.")
    if not payer.strip():
        errors["payer"] = _("Enter who paid.")
    if errors:
        raise ValidationError(errors)
    computed = monthly_list(commune, month, rules=rules)
    if not computed.lines:
        raise ValidationError({"month": _("Nobody is on this month's list.")})
    paid = PaymentList(commune=commune, month=month, paid_on=paid_on, payer=payer.strip(), recorded_by=user)
    paid.total = computed.total
    acting_as(paid, user).save()
    supports, items = [], []
    for line in computed.lines:
        support = Support(
            child=line.child,
            kind=Support.Kind.ALLOWANCE,
            date=paid_on,
            amount=line.total,
            source=Support.Source.STATE,
            note=support_note(month, line.arrears_months),
            recorded_by=user,
        )
        acting_as(support, user).save()
        supports.append(support)
        items.append(PaymentItem(payment_list=paid, entitlement=line.entitlement, village=line.village,
                                 for_month=month, coefficient=line.coefficient, base_amount=line.base,
                                 amount=line.monthly, support=support))  # fmt: skip
        for m, owed, coefficient, base in line.arrears_items:
            items.append(PaymentItem(payment_list=paid, entitlement=line.entitlement, village=line.village,
                                     for_month=m, coefficient=coefficient, base_amount=base, amount=owed,
                                     support=support))  # fmt: skip
    PaymentItem.objects.bulk_create(items, batch_size=1000)
    return paid


# --- amounts typed elsewhere ---------------------------------------------------------------------------


@dataclass
class Disagreement:
    support: Support
    child: Child
    due: int | None  # the monthly amount due, None when the child had no allowance that month


def disagreements(area: Area, month: date, *, rules: Rules | None = None) -> list[Disagreement]:
    """Allowance support records of ``month`` typed by hand (not written by a paid list) whose amount is
    not a whole number of months (1 to 12) of the amount due that month, or of a child without an allowance."""
    rules = rules or Rules()
    month = month_of(month)
    from_lists = PaymentItem.objects.filter(support__isnull=False).values("support")
    typed = (
        Support.objects.filter(kind=Support.Kind.ALLOWANCE, date__gte=month, date__lte=month_end(month))
        .filter(child__village__path__startswith=area.path)
        .exclude(pk__in=from_lists)
        .select_related("child", "child__village")
    )
    typed = list(typed)
    by_child = defaultdict(list)
    for e in Entitlement.objects.filter(child__in=[s.child_id for s in typed]).select_related("child"):
        by_child[e.child_id].append(e)
    out = []
    for support in typed:
        due = None
        for e in by_child.get(support.child_id, []):
            found = _in_list(e, month) and rules.due(e, month)
            if found:
                due = found[0]
        if due is None or not support.amount or support.amount % due or not 1 <= support.amount // due <= 12:
            out.append(Disagreement(support, support.child, due))
    return out


# --- registry events that should end an allowance --------------------------------------------------------


@dataclass
class ToEnd:
    entitlement: Entitlement
    child: Child
    event: str
    on: date


def endings_to_record(result: MonthlyList) -> list[ToEnd]:
    """Children on the list whom the registry says were adopted, archived (left, died) or moved out of
    the paying commune by the month's end, while their allowance is still open: the officer records the end."""
    from children.models import Adoption

    end = month_end(result.month)
    ids = [line.child.pk for line in result.lines]
    adopted = dict(
        Adoption.objects.filter(child__in=ids, registered_on__lte=end)
        .order_by("registered_on")
        .values_list("child", "registered_on")
    )
    out = []
    for line in result.lines:
        e, child = line.entitlement, line.child
        if e.end_month is not None:
            continue
        if child.pk in adopted:
            out.append(ToEnd(e, child, str(EndReason.ADOPTED.label), adopted[child.pk]))
        elif child.archived_at is not None and child.archived_at.date() <= end:
            out.append(ToEnd(e, child, child.archived_reason or _("archived"), child.archived_at.date()))
        elif not child.village.path.startswith(e.commune.path):
            out.append(ToEnd(e, child, str(EndReason.LEFT.label), end))
    return out
