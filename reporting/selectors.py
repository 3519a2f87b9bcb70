"""Reads of the reporting calendar that a user makes, and the rules that say what a report needs.

Every page starts here: ``periods_visible_to``/``get_period_for_user`` and
``submissions_visible_to``/``get_submission_for_user`` go through ``accounts.scope``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial

from django.db.models import Prefetch, Q
from django.utils import formats
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import Area, ancestors_by_code, superiors_on
from core import memo

from . import indicators as ind
from .models import Indicator, Period, ReportType, Submission, Value

S = Submission.Status


# --- who reports, who reviews -------------------------------------------------------------------


def reporters(period: Period):
    """The areas expected to report in ``period``: the subareas of the receiving area of the
    reporting kind, valid on the period's dates, whose report goes to the period's area on its day
    (or the one area an ad-hoc report names)."""
    return Area.objects.filter(pk__in=[a.pk for a in reporters_of([period])[period.pk]]).order_by("path")


def reporters_of(periods) -> dict[int, list[Area]]:
    """``reporters`` of many periods at once (two queries): ``{period.pk: [areas in path order]}``."""
    periods = list(periods)
    result = {p.pk: [p.reporter] for p in periods if p.reporter_id}
    calendar = [p for p in periods if not p.reporter_id]
    if not calendar:
        return result
    wanted = Q()
    for p in calendar:
        wanted |= Q(path__startswith=p.area.path, kind=p.report_type.from_kind)
    candidates = list(Area.objects.filter(wanted).order_by("path"))
    by_code = ancestors_by_code(candidates)
    for p in calendar:
        result[p.pk] = [
            a
            for a in candidates
            if a.path.startswith(p.area.path)
            and a.kind == p.report_type.from_kind
            and (a.valid_from is None or a.valid_from <= p.end)
            and (a.valid_to is None or a.valid_to >= p.start)
            and receiver(a, p, by_code=by_code) == p.area
        ]
    return result


def reporting_day(period: Period):
    """The day whose area tree decides where a period's reports go (the chain is data by date): the
    last day of the figures, or the last day the reporting area existed if it closed before."""
    return period.end


def receiver(area: Area, period: Period, *, by_code: dict | None = None) -> Area | None:
    """Where ``area`` sends its report of ``period``: the area above it on the period's day (a
    commune's district for periods up to 30/06/2025, its province after). ``by_code``: the areas
    above, read once for many periods (``accounts.models.ancestors_by_code``)."""
    return superiors_on([area], _last_day(area, period), by_code=by_code)[area.pk]


def _last_day(area: Area, period: Period) -> dt.date:
    day = reporting_day(period)
    return area.valid_to if area.valid_to and area.valid_to < day else day


def edit_perm(report_type: ReportType) -> str:
    return "reports.village_submit" if report_type.from_kind == Area.Kind.VILLAGE else "reports.commune_edit"


def review_perm(period: Period) -> str:
    return "reports.commune_edit" if period.area.kind == Area.Kind.COMMUNE else "reports.review"


def may_export(user, period: Period) -> bool:
    """The receiving area's reviewers (or the chairman) export a period's workbook: those entitled
    today, or on the period's day (an abolished district reads the history it received)."""
    days = {None, min(reporting_day(period), dt.date.today())}
    return any(
        scope.can(user, perm, period.area, on=day) for perm in (review_perm(period), "reports.approve") for day in days
    )


def needs_approval(report_type: ReportType) -> bool:
    """Reports of the People's Committee (commune level) are signed off by the chairman."""
    return report_type.from_kind != Area.Kind.VILLAGE


def is_relevant(user, period: Period, *, areas=None, by_code: dict | None = None) -> bool:
    """The user receives these reports, or holds a role in an area that makes them. ``areas`` and
    ``by_code``: the user's areas and the areas above them, read once for many periods."""
    if scope.can(user, "reports.view", period.area):
        return True
    kind = period.report_type.from_kind
    areas = scope.membership_areas(user, "reports.view") if areas is None else areas
    return any(a.kind == kind and receiver(a, period, by_code=by_code) == period.area for a in areas) or (
        user.is_superuser and user.is_active
    )


def periods_visible_to(user, *, year: int | None = None) -> list[Period]:
    """The periods ``user`` may read (all years, or ``year``), newest first. Remembered until the data
    changes (core.memo): the calendar, the home panel and the API ask for them on every visit."""
    return memo.remember(("reporting.periods_visible_to", user.pk, year), partial(_periods_visible_to, user, year))


def _periods_visible_to(user, year: int | None) -> list[Period]:
    qs = scope.scoped(
        Period.objects.select_related("report_type", "area", "reporter"),
        user,
        "reports.view",
        "area",
        include_ancestors=True,
    )
    if year:
        qs = qs.filter(year=year)
    areas = list(scope.membership_areas(user, "reports.view"))
    by_code = ancestors_by_code(areas)
    periods = qs.order_by("-year", "deadline", "report_type__order", "pk")
    return [p for p in periods if is_relevant(user, p, areas=areas, by_code=by_code)]


def get_period_for_user(user, pk: int) -> Period:
    qs = scope.scoped(
        Period.objects.select_related("report_type", "area", "reporter"),
        user,
        "reports.view",
        "area",
        include_ancestors=True,
    )
    period = scope.get_or_404(qs, pk=pk)
    if not is_relevant(user, period):
        scope.get_or_404(qs.none(), pk=pk)
    return period


def submissions_visible_to(user):
    return scope.scoped(Submission.objects.all(), user, "reports.view", "area")


def get_submission_for_user(user, pk: int) -> Submission:
    return scope.get_or_404(
        submissions_visible_to(user).select_related(
            "period__report_type", "period__area", "area", "submitted_by", "approved_by", "reviewed_by"
        ),
        pk=pk,
    )


def get_reporter_for_user(user, period: Period, area_pk: int) -> Area:
    """A reporting area of ``period`` that the user may read; 404 otherwise."""
    readable = scope.areas_for(user, "reports.view").values("pk")
    return scope.get_or_404(reporters(period).filter(pk__in=readable), pk=area_pk)


# --- calendar -------------------------------------------------------------------------------------


def can_edit_period(user, period: Period) -> bool:
    """The receiving area's staff edit its calendar: the commune officer for village reports, the
    district (or province) office for commune reports."""
    if not scope.can(user, "reports.calendar_edit", period.area):
        return False
    if user.is_superuser:
        return True
    return any(
        m.area.path == period.area.path and m.role in scope.PERMISSIONS["reports.calendar_edit"]
        for m in scope.memberships(user)
    )


def calendar_areas(user):
    """Areas whose calendar the user may edit: the commune or district of their membership."""
    if user.is_superuser and user.is_active:
        return Area.objects.filter(kind__in=[Area.Kind.COMMUNE, Area.Kind.DISTRICT, Area.Kind.PROVINCE])
    return Area.objects.filter(pk__in=[a.pk for a in scope.membership_areas(user, "reports.calendar_edit")])


def village_period_for(period: Period, commune: Area) -> Period | None:
    """The village-level period a commune report consolidates (the commune's own calendar)."""
    lower = period.report_type.consolidates_id
    if not lower:
        return None
    return (
        Period.objects.filter(report_type_id=lower, area=commune, year=period.year)
        .select_related("report_type", "area")
        .order_by("-end")
        .first()
    )


# --- the state of one report --------------------------------------------------------------------


def _d(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def edit_block_reason(period: Period, submission: Submission | None, on: dt.date) -> str | None:
    """Why the report cannot be changed now, or None (DHIS2: the form says why it is locked)."""
    if submission is not None and submission.status == S.ACCEPTED:
        return _("This report was accepted and is locked. To change it, the reviewer must reopen it.")
    if submission is not None and submission.status == S.SUBMITTED:
        return _("This report was submitted and is waiting for review. It can be changed only if it is returned.")
    if submission is not None and submission.status == S.APPROVED:
        return _(
            "This report is approved by the chairman and is not changed any more. To change it, withdraw the "
            "approval first (with a reason); the chairman then approves it again."
        )
    return period_block_reason(period, on)


def period_block_reason(period: Period, on: dt.date) -> str | None:
    """Why nothing can be submitted in the period now (not open yet, or closed), or None."""
    if on < period.opens_on:
        return _("This period is not open yet: it opens on %(day)s.") % {"day": _d(period.opens_on)}
    if period.is_closed(on):
        return _("This period closed on %(day)s: nothing can be submitted or changed any more.") % {
            "day": _d(period.closes_on)
        }
    return None


@dataclass
class Cell:
    name: str  # form field name
    key: str
    label: str
    value: int | None
    source: str
    editable: bool
    now: int | None = None  # a computed figure that differs today from the one submitted


@dataclass
class Row:
    indicator: Indicator
    cells: list[Cell] = field(default_factory=list)

    @property
    def total(self) -> Cell:
        return self.cells[0]


def field_name(code: str, key: str) -> str:
    return f"v-{code.replace('.', '_')}-{key or 'total'}"


def report_indicators(report_type: ReportType) -> list[Indicator]:
    return list(report_type.indicators.select_related("at_most").order_by("order", "code"))


def prefill(period: Period, area: Area, indicators: list[Indicator]) -> dict:
    """``{(code, key): (value, source)}``: what the portal knows for ``area`` as of the period's end —
    computed figures, and for a commune report the sum of its villages' accepted reports."""
    known = ind.compute(indicators, area=area, start=period.start, end=period.end, event=period.report_type.event)
    village_period = village_period_for(period, area)
    if village_period is not None:
        rows = Value.objects.filter(
            submission__period=village_period, submission__status=S.ACCEPTED, value__isnull=False
        ).values_list("indicator__code", "key", "value")
        sums: dict = {}
        for code, key, value in rows:
            sums[(code, key)] = sums.get((code, key), 0) + value
        for code_key, total in sums.items():
            known.setdefault(code_key, (total, Value.Source.VILLAGES))
    return known


def build_rows(indicators: list[Indicator], known: dict, stored: dict | None = None) -> list[Row]:
    """The indicator table: one row per indicator, a cell for the total and each breakdown key.

    ``known`` holds prefilled figures; ``stored`` the saved values (they win for typed cells).
    A cell is editable unless it is computed (registry, cases, fund, plan).
    """
    stored = stored or {}
    computed_sources = {Value.Source.REGISTRY, Value.Source.CASES, Value.Source.FUND, Value.Source.PLAN}
    out = []
    for indicator in indicators:
        row = Row(indicator)
        for key, label in [("", _("Total")), *ind.breakdown_keys(indicator)]:
            value, source = known.get((indicator.code, key), (None, Value.Source.TYPED))
            editable = source not in computed_sources
            if editable and (indicator.code, key) in stored:
                value, source = stored[(indicator.code, key)]
            row.cells.append(Cell(field_name(indicator.code, key), key, str(label), value, source, editable))
        out.append(row)
    return out


def previous_values(period: Period, area: Area) -> dict:
    """``{field name: value}`` of the figures typed into ``area``'s report of the same type for the
    period before ``period`` (a report that was sent at least once), shown beside each field."""
    previous = (
        Submission.objects.filter(period__report_type=period.report_type, area=area, period__end__lt=period.start)
        .exclude(first_submitted_at=None)
        .order_by("-period__end")
        .first()
    )
    if previous is None:
        return {}
    rows = previous.values.filter(source=Value.Source.TYPED).values_list("indicator__code", "key", "value")
    return {field_name(code, key): value for code, key, value in rows}


def stored_values(submission: Submission) -> dict:
    return {(v.indicator.code, v.key): (v.value, v.source) for v in submission.values.select_related("indicator")}


def rows_for_display(submission: Submission, *, with_changes: bool = False) -> list[Row]:
    """The saved values of a report (what was submitted), in indicator order. A submitted report
    keeps the figures it was sent with; ``with_changes`` marks each computed figure that would be
    different if computed today (``Cell.now``), never rewriting it."""
    stored = stored_values(submission)
    rows = build_rows(report_indicators(submission.period.report_type), stored, stored)
    if with_changes and submission.status != S.DRAFT:
        changes = later_differences(submission, stored)
        for row in rows:
            for cell in row.cells:
                cell.now = changes.get((row.indicator.code, cell.key))
    return rows


def later_differences(submission: Submission, stored: dict | None = None) -> dict:
    """``{(code, key): value today}`` for the computed figures that differ from those stored when the
    report was submitted (a correction dated back into the period, say)."""
    stored = stored_values(submission) if stored is None else stored
    period = submission.period
    known = prefill(period, submission.area, report_indicators(period.report_type))
    return {
        code_key: value
        for code_key, (value, source) in known.items()
        if source not in (Value.Source.TYPED, Value.Source.VILLAGES)
        and code_key in stored
        and stored[code_key][0] != value
    }


def validate_rows(rows: list[Row], *, complete: bool) -> dict[str, str]:
    """Validation rules on values: breakdowns add up, "of which" never exceeds its whole, and (when
    ``complete``) nothing is left blank. Returns ``{field name: message}``."""
    errors: dict[str, str] = {}
    by_code = {row.indicator.code: row for row in rows}
    for row in rows:
        ind_name = f"{row.indicator.code} {row.indicator.name}"
        if complete:
            for cell in row.cells:
                if cell.value is None and (cell.key == "" or row.total.value):
                    errors[cell.name] = _("%(indicator)s (%(part)s): enter a number (0 when there is none).") % {
                        "indicator": ind_name,
                        "part": cell.label,
                    }
        parts = [c for c in row.cells[1:] if c.value is not None]
        total = row.total.value
        if total is not None and parts:
            part_sum = sum(c.value for c in parts)
            if ind.sums_to_total(row.indicator) and len(parts) == len(row.cells) - 1 and part_sum != total:
                errors.setdefault(
                    row.total.name,
                    _("%(indicator)s: the parts add up to %(sum)s, not the total %(total)s.")
                    % {"indicator": ind_name, "sum": part_sum, "total": total},
                )
            for cell in parts:
                if cell.value > total:
                    errors.setdefault(
                        cell.name,
                        _("%(indicator)s (%(part)s): %(value)s is more than the total %(total)s.")
                        % {"indicator": ind_name, "part": cell.label, "value": cell.value, "total": total},
                    )
        whole = by_code.get(row.indicator.at_most.code) if row.indicator.at_most_id else None
        if whole is not None:
            whole_cells = {c.key: c for c in whole.cells}
            for cell in row.cells:
                limit = whole_cells.get(cell.key)
                if (
                    cell.value is not None
                    and limit is not None
                    and limit.value is not None
                    and cell.value > limit.value
                ):
                    errors.setdefault(
                        cell.name,
                        _("%(indicator)s (%(part)s): %(value)s cannot be more than %(limit)s in “%(whole)s”.")
                        % {
                            "indicator": ind_name,
                            "part": cell.label,
                            "value": cell.value,
                            "limit": limit.value,
                            "whole": f"{whole.indicator.code} {whole.indicator.name}",
                        },
                    )
    return errors


# --- overviews ------------------------------------------------------------------------------------


@dataclass
class StatusRow:
    area: Area
    submission: Submission | None
    state: str  # not_started, draft, approved, submitted_on_time, submitted_late, returned, accepted, missing
    label: str

    @property
    def is_in(self) -> bool:
        return self.state in {"submitted_on_time", "submitted_late", "accepted"}


STATE_LABELS = {
    "not_started": _("not started"),
    "missing": _("missing"),
    "draft": _("draft"),
    "approved": _("approved, not yet sent"),
    "returned": _("returned with comments"),
    "submitted_on_time": _("submitted on time"),
    "submitted_late": _("submitted late"),
    "accepted": _("accepted"),
}


def state_of(period: Period, submission: Submission | None, on: dt.date) -> str:
    overdue = on > period.deadline
    if submission is None:
        return "missing" if overdue else "not_started"
    if submission.status == S.ACCEPTED:
        return "accepted"
    if submission.status == S.SUBMITTED:
        return "submitted_on_time" if submission.on_time else "submitted_late"
    if submission.status in (S.DRAFT, S.APPROVED, S.RETURNED) and overdue and submission.first_submitted_at is None:
        return "missing"
    return str(submission.status)


def status_rows(period: Period, user, on: dt.date) -> list[StatusRow]:
    """Each reporting area the user may see, with its report and its state (one query per table)."""
    areas = list(reporters(period).filter(pk__in=scope.areas_for(user, "reports.view").values("pk")))
    subs = {
        s.area_id: s for s in Submission.objects.filter(period=period, area__in=areas).select_related("submitted_by")
    }
    rows = []
    for area in areas:
        sub = subs.get(area.pk)
        state = state_of(period, sub, on)
        rows.append(StatusRow(area, sub, state, str(STATE_LABELS[state])))
    return rows


def rates(rows: list[StatusRow]) -> dict:
    """Completeness (reports in ÷ expected) and timeliness (in on time ÷ expected), in per cent."""
    expected = len(rows)
    received = sum(1 for r in rows if r.submission is not None and r.submission.first_submitted_at is not None)
    on_time = sum(1 for r in rows if r.submission is not None and r.submission.on_time)
    accepted = sum(1 for r in rows if r.state == "accepted")
    pct = lambda n: round(100 * n / expected) if expected else 0  # noqa: E731
    return {
        "expected": expected,
        "received": received,
        "on_time": on_time,
        "accepted": accepted,
        "completeness": pct(received),
        "timeliness": pct(on_time),
    }


def submissions_with_values(period: Period, areas):
    """Submitted or accepted reports of ``period`` for ``areas`` with their values (two queries)."""
    return (
        Submission.objects.filter(period=period, area__in=areas, status__in=[S.SUBMITTED, S.ACCEPTED])
        .select_related("area")
        .prefetch_related(Prefetch("values", queryset=Value.objects.select_related("indicator")))
        .order_by("area__path")
    )


# --- what is due ----------------------------------------------------------------------------------


@dataclass
class DueItem:
    period: Period
    area: Area
    submission: Submission | None
    overdue: bool
    action: str  # "report", "approve", "review"


def due_for(user, on: dt.date, *, horizon_days: int = 30) -> list[DueItem]:
    """Reports the user must make or approve (open periods with a deadline within ``horizon_days``
    or past, whose report is not yet in) and submitted reports waiting for the user's review.
    Remembered until the data changes (core.memo); the list is shared: sort a copy."""
    return memo.remember(("reporting.due_for", user.pk, on, horizon_days), partial(_due_for, user, on, horizon_days))


def _due_for(user, on: dt.date, horizon_days: int) -> list[DueItem]:
    items: list[DueItem] = []
    visible = periods_visible_to(user)
    # Current work only: a period of a year before last is history (the calendar shows it), not a to-do.
    periods = [p for p in visible if p.year >= on.year - 1 and p.is_open(on) and (p.deadline - on).days <= horizon_days]
    subs = {(s.period_id, s.area_id): s for s in Submission.objects.filter(period__in=periods).select_related("area")}
    expected = reporters_of(periods)
    for period in periods:
        rt = period.report_type
        for area in expected[period.pk]:
            sub = subs.get((period.pk, area.pk))
            status = sub.status if sub else None
            overdue = on > period.deadline
            if scope.can(user, edit_perm(rt), area) and status == S.APPROVED:
                items.append(DueItem(period, area, sub, overdue, "send"))
            elif scope.can(user, edit_perm(rt), area) and status not in (S.SUBMITTED, S.ACCEPTED):
                items.append(DueItem(period, area, sub, overdue, "report"))
            elif needs_approval(rt) and scope.can(user, "reports.approve", area) and status in (S.DRAFT, S.RETURNED):
                items.append(DueItem(period, area, sub, overdue, "approve"))
    reviewed = {p.pk: p for p in visible if scope.can(user, review_perm(p), p.area)}
    waiting = Submission.objects.filter(period__in=list(reviewed), status=S.SUBMITTED).select_related("area")
    for sub in waiting.order_by("submitted_at"):
        items.append(DueItem(reviewed[sub.period_id], sub.area, sub, False, "review"))
    return items


def actions_for(user, submission: Submission, on: dt.date) -> set[str]:
    """What the user may do to this report now, from its workflow table (``reporting/workflow.py``):
    edit, approve, withdraw, submit, accept, return, reopen."""
    from .workflow import may, table_for

    period = submission.period
    table = table_for(period.report_type)
    period_blocked = period_block_reason(period, on)
    acts: set[str] = set()
    for action in table.from_state(submission.status):
        if action.name in {"edit", "approve", "submit", "withdraw"} and period_blocked:
            continue
        if may(user, submission, action.name):
            acts.add(action.name)
    return acts
