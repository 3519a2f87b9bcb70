"""The demo's current year: the commune as it would stand today, after the 2022 history.

``seed_current_year(commune, today)`` works on whatever commune it is given and finds its people
through the commune's memberships (the officer, the chairman, the accountant, the village heads and
the office above), so it runs as well in a commune made by a merger. It

* opens the year (``reporting.newyear.open_year``: fund books, reporting periods, the plan copied
  from the last plan) and has the chairman approve the plan;
* fills the year's reporting periods: a past period complete (villages on time, late and missing; the
  commune report sent and accepted) and the current period partly done (some villages on time, one
  late and waiting for review, the rest — Thôn 1 among them — still to report; the commune report not
  started);
* opens protection cases on their clocks (a report not verified, an assessment due, a plan waiting
  for the chairman);
* keeps a fund book with entries in every state (posted, approved, submitted, returned, draft).

Idempotent: each part is skipped when it was done before. Synthetic data only.
"""

from __future__ import annotations

import datetime as dt
import random
import re

from django.db import transaction
from django.utils import timezone

from accounts.models import Area, Membership
from children.cases.demo import _run as run_case_script
from children.cases.models import Case, CaseStep
from funds import services as fund_services
from funds.models import Entry, Fund
from programs import services as plan_services
from programs.models import Assignment, Plan
from reporting import services as report_services
from reporting.demo import DIFFICULTIES, PROPOSALS, RESULTS, _typed
from reporting.models import LOCAL_TZ, Period, Submission
from reporting.newyear import open_year

R = Membership.Role
C = Entry.Category


def _people(commune: Area) -> dict:
    """The commune's staff by role, its village heads by village and the office above, from memberships."""
    found: dict = {"heads": {}}
    for m in Membership.objects.filter(is_active=True, area=commune).select_related("user").order_by("pk"):
        found.setdefault(m.role, m.user)
    # in the order of their names, numbers as numbers (Thôn 1 … Thôn 8, then a merged commune's others)
    villages = sorted(
        Area.objects.filter(parent=commune, kind=Area.Kind.VILLAGE),
        key=lambda a: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", a.name)] + [a.code],
    )
    for m in Membership.objects.filter(is_active=True, role=R.VILLAGE_HEAD, area__in=villages).select_related("user"):
        found["heads"].setdefault(m.area_id, m.user)
    above = [
        a
        for a in Area.objects.filter(kind__in=[Area.Kind.DISTRICT, Area.Kind.PROVINCE])
        if commune.path.startswith(a.path)
    ]
    m = (
        Membership.objects.filter(is_active=True, role=R.DISTRICT, area__in=above)
        .select_related("user")
        .order_by("-area__path")
        .first()
    )
    found[R.DISTRICT] = m.user if m else None
    found["villages"] = villages
    return found


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LOCAL_TZ)


def _day(year: int, month: int, day: int, today: dt.date) -> dt.date:
    return min(dt.date(year, month, day), today)


# --- the plan -------------------------------------------------------------------------------------


def _plan(commune, today, people) -> Plan | None:
    """The copied plan approved by the chairman; the tasks due before today done, as a commune would
    have them, the others still to do."""
    plan = Plan.objects.filter(commune=commune, year=today.year).first()
    if plan is None or plan.is_approved or not people.get(R.CHAIRMAN):
        return plan
    plan = plan_services.plan_approve(plan=plan, user=people[R.CHAIRMAN])
    actor = people.get(R.CULTURE_SOCIAL)
    for a in Assignment.objects.filter(activity__plan=plan, due_date__lt=today).order_by("pk"):
        plan_services.assignment_update(
            assignment=a,
            user=actor,
            status=Assignment.Status.DONE,
            note="Đã thực hiện.",
            done_on=a.due_date,
            on=a.due_date,
        )
    return plan


# --- the fund book --------------------------------------------------------------------------------


def _fund(commune, today, people) -> int:
    fund = Fund.objects.filter(commune=commune, kind=Fund.Kind.CHILD_PROTECTION).first()
    drafter, chairman = people.get(R.ACCOUNTANT), people.get(R.CHAIRMAN)
    if fund is None or drafter is None or chairman is None:
        return 0
    year = today.year
    if Entry.objects.filter(fund=fund, entry_date__year=year).exists():
        return 0
    # (month, day, kind, category, amount, counterparty, purpose, state)
    rows = [
        (
            1,
            15,
            "receipt",
            C.DISTRICT_SUPPORT,
            20_000_000,
            "UBND huyện",
            f"Kinh phí hỗ trợ Quỹ BTTE năm {year}",
            "posted",
        ),
        (3, 10, "receipt", C.DONATION_ORGANISATION, 15_000_000, "Công ty TNHH Mô Phỏng", "Ủng hộ Quỹ BTTE", "posted"),
        (5, 28, "disbursement", C.GIFTS, 8_000_000, "Ban tổ chức Tết Thiếu nhi", "Quà 1/6 cho trẻ em", "posted"),
        (9, 20, "disbursement", C.EVENTS, 6_000_000, "Ban tổ chức Tết Trung thu", "Tổ chức Tết Trung thu", "posted"),
        (11, 10, "receipt", C.DONATION_PERSON, 2_000_000, "Nguyễn Văn Mẫu", "Ủng hộ Quỹ BTTE", "approved"),
        (11, 20, "disbursement", C.SCHOLARSHIPS, 3_000_000, "Trường THCS", "Học bổng học kỳ I", "submitted"),
        (11, 25, "disbursement", C.EMERGENCY, 1_500_000, "Gia đình trẻ (mô phỏng)", "Hỗ trợ đột xuất", "rejected"),
        (12, 31, "disbursement", C.COMMUNICATION, 500_000, "Cơ sở in ấn", "In tờ rơi Tổng đài 111", "draft"),
    ]
    made = 0
    for month, day, kind, category, amount, who, purpose, state in rows:
        entry = fund_services.entry_draft(
            fund=fund,
            kind=kind,
            entry_date=_day(year, month, day, today),
            amount=amount,
            category=category,
            counterparty=who,
            purpose=purpose,
            user=drafter,
        )
        if state != "draft":
            entry = fund_services.entry_submit(entry=entry, user=drafter)
        if state == "rejected":
            fund_services.entry_reject(entry=entry, user=chairman, reason="Bổ sung giấy đề nghị của thôn.")
        elif state in ("approved", "posted"):
            entry = fund_services.entry_approve(entry=entry, user=chairman)
            if state == "posted":
                fund_services.entry_post(entry=entry, user=drafter)
        made += 1
    return made


# --- reports --------------------------------------------------------------------------------------


def _village(period, village, head, rng, *, save_on, submit_on=None, accept_by=None, accept_on=None):
    sub = report_services.submission_save(
        period=period,
        area=village,
        user=head,
        values=_typed(period, village, rng),
        results=RESULTS,
        difficulties=DIFFICULTIES,
        proposals=PROPOSALS,
        now=_at(save_on, 8),
    )
    if submit_on:
        sub = report_services.submission_submit(submission=sub, user=head, now=_at(submit_on, 10))
        if accept_by:
            sub = report_services.submission_accept(submission=sub, user=accept_by, now=_at(accept_on, 15))
    return sub


def _reports(commune, today, people) -> int:
    year = today.year
    officer, chairman, district = people.get(R.CULTURE_SOCIAL), people.get(R.CHAIRMAN), people.get(R.DISTRICT)
    if officer is None:
        return 0
    rng = random.Random(year)
    periods = list(
        Period.objects.filter(area=commune, year=year, report_type__from_kind=Area.Kind.VILLAGE, reporter__isnull=True)
        .filter(opens_on__lte=today)
        .order_by("deadline")
    )
    if not periods or Submission.objects.filter(period__in=periods).exists():
        return 0
    made = 0
    villages = people["villages"]
    *past, current = periods
    for period in past:  # complete: on time, two late, the last village missing
        for n, village in enumerate(villages):
            head = people["heads"].get(village.pk)
            if head is None or n == len(villages) - 1:
                continue
            late = n >= len(villages) - 3
            submit_on = period.deadline + dt.timedelta(days=2 if late else -(1 + n % 3))
            accept_on = max(submit_on, period.deadline) + dt.timedelta(days=3)
            _village(
                period,
                village,
                head,
                rng,
                save_on=max(period.opens_on, submit_on - dt.timedelta(days=1)),
                submit_on=submit_on,
                accept_by=officer,
                accept_on=accept_on,
            )
            made += 1
        above = Period.objects.filter(
            area=commune.parent, year=year, report_type__consolidates=period.report_type
        ).first()
        if above and chairman and district and above.opens_on <= today:
            day = max(above.opens_on, period.deadline + dt.timedelta(days=4))
            sub = report_services.submission_save(
                period=above,
                area=commune,
                user=officer,
                values=_typed(above, commune, rng),
                number=f"{20 + made}/BC-UBND",
                results=RESULTS,
                difficulties=DIFFICULTIES,
                proposals=PROPOSALS,
                now=_at(day),
            )
            report_services.submission_approve(submission=sub, user=chairman, now=_at(day, 14))
            report_services.submission_submit(submission=sub, user=officer, now=_at(day, 16))
            report_services.submission_accept(submission=sub, user=district, now=_at(day + dt.timedelta(days=2)))
            made += 1
    # the thematic reports (1/6, the Action Month, Mid-Autumn) whose deadline has passed: sent on time
    thematic = Period.objects.filter(
        area=commune.parent, year=year, report_type__period_kind="thematic", deadline__lt=today, reporter__isnull=True
    )
    for period in thematic if chairman and district else []:
        day = max(period.opens_on, period.deadline - dt.timedelta(days=2))
        sub = report_services.submission_save(
            period=period,
            area=commune,
            user=officer,
            values=_typed(period, commune, rng),
            number=f"{30 + made}/BC-UBND",
            results=RESULTS,
            now=_at(day),
        )
        report_services.submission_approve(submission=sub, user=chairman, now=_at(day, 14))
        report_services.submission_submit(submission=sub, user=officer, now=_at(day, 16))
        report_services.submission_accept(submission=sub, user=district, now=_at(day + dt.timedelta(days=2)))
        made += 1
    # the current period: the middle villages on time and accepted, one late and waiting; Thôn 1 and the
    # last ones still to report
    for n, village in enumerate(villages):
        head = people["heads"].get(village.pk)
        if head is None or n == 0 or n >= len(villages) - 2:
            continue
        on_time = min(today, current.deadline - dt.timedelta(days=n % 3 + 1))
        late = n == len(villages) - 3
        submit_on = min(today, current.deadline + dt.timedelta(days=3)) if late else on_time
        _village(
            current,
            village,
            head,
            rng,
            save_on=max(current.opens_on, submit_on - dt.timedelta(days=1)),
            submit_on=submit_on,
            accept_by=None if late else officer,
            accept_on=min(today, submit_on + dt.timedelta(days=2)),
        )
        made += 1
    return made


# --- cases ----------------------------------------------------------------------------------------


def _cases(commune, now, people) -> int:
    officer, chairman = people.get(R.CULTURE_SOCIAL), people.get(R.CHAIRMAN)
    villages = people["villages"]
    if officer is None or not villages or Case.objects.filter(commune=commune, reported_at__year=now.year).exists():
        return 0
    risk = CaseStep.Risk
    base = {
        "age": (6, 12),
        "place": Case.Place.HOME,
        "level": Case.Level.SUPPORT,
        "relation": Case.Relation.RELATIVE,
    }
    specs = [
        {  # reported two hours ago: to verify (12 h clock)
            **base,
            "village": 0,
            "sex": "M",
            "kind": Case.Kind.NEGLECT,
            "reported_at": now - dt.timedelta(hours=2),
            "source": Case.Source.HOTLINE,
            "summary": "(Dữ liệu mô phỏng) Tổng đài 111 chuyển tin: cháu ở nhà một mình nhiều ngày.",
            "script": [],
        },
        {  # verified and assessed three days ago: detailed assessment due
            **base,
            "village": min(2, len(villages) - 1),
            "sex": "F",
            "kind": Case.Kind.VIOLENCE,
            "reported_at": now - dt.timedelta(days=3),
            "source": Case.Source.VILLAGE,
            "summary": "(Dữ liệu mô phỏng) Trưởng thôn báo cháu bị người thân đánh.",
            "script": [
                (
                    "verify",
                    now - dt.timedelta(days=3) + dt.timedelta(hours=2),
                    {"confirmed": True, "note": "Đã gặp cháu."},
                ),
                ("initial", now - dt.timedelta(days=3) + dt.timedelta(hours=6), {"risk": risk.MEDIUM}),
            ],
        },
    ]
    rng = random.Random(now.year)
    made = 0
    for spec in specs:
        made += run_case_script(rng, spec, commune=commune, villages=villages, officer=officer, chairman=chairman)
    return made


@transaction.atomic
def seed_current_year(commune: Area, today: dt.date | None = None, stdout=None) -> dict:
    """Bring ``commune`` to ``today`` (see the module's docstring). Returns counts of what was made."""
    today = today or timezone.localdate()
    people = _people(commune)
    actor = people.get(R.CULTURE_SOCIAL)
    done = open_year(commune=commune, year=today.year, user=actor)
    plan = _plan(commune, today, people)
    counts = {
        "fund_years": len(done["fund_years"]),
        "periods": len(done["periods"]),
        "plan": plan.pk if plan else None,
        "entries": _fund(commune, today, people),
        "reports": _reports(commune, today, people),
        "cases": _cases(commune, timezone.now() if today == timezone.localdate() else _at(today, 9), people),
    }
    if stdout:
        stdout.write(
            f"  {commune.name} {today.year}: {counts['entries']} fund entries, {counts['reports']} reports, "
            f"{counts['cases']} open cases, plan {'approved' if plan and plan.is_approved else 'missing'}"
        )
    return counts
