"""No dead ends: every workflow is a table of states, actions and the roles that take them, and from
every state that is not final some demo role has a way forward. The services refuse an action to a
user whose role the table does not name."""

import datetime as dt
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts import scope
from accounts.models import Membership, User
from children.cases.workflow import CASE
from funds import services as fund_services
from funds.models import Entry
from funds.workflow import ENTRY
from programs.workflow import EVENT_PAYMENT, PLAN
from reporting import services as report_services
from reporting.models import Period, Submission
from reporting.workflow import COMMUNE_REPORT, VILLAGE_REPORT

TABLES = [ENTRY, VILLAGE_REPORT, COMMUNE_REPORT, PLAN, CASE, EVENT_PAYMENT]
ROLES = list(Membership.Role)
# One demo user per role (accounts/demo.py), the commune's staff in Y Tịch.
DEMO = ["vhxh", "chutich", "ketoan", "thon1", "yte", "congan", "tuphap", "truong", "doanxa", "huyen"]


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_every_state_that_is_not_final_has_a_way_forward_for_some_role(table):
    for state in table.states:
        if state in table.final:
            continue
        movers = {
            role
            for role in ROLES
            for action in table.from_state(state)
            if action.forward and role in table.roles(action.name, scope.PERMISSIONS)
        }
        assert movers, f"{table.name}: nobody can move a {state!r} forward"


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_a_final_state_is_reachable_from_the_first(table):
    seen, todo = set(), [next(iter(table.states))]
    while todo:
        state = todo.pop()
        seen.add(state)
        todo += [a.target for a in table.from_state(state) if a.target not in seen]
    assert seen & set(table.final), f"{table.name}: no final state is reachable"


def test_the_approved_entry_has_two_ways_forward_post_or_return():
    names = {a.name for a in ENTRY.from_state(Entry.Status.APPROVED)}
    assert names == {"post", "return"}
    assert ENTRY.roles("return", scope.PERMISSIONS) == {Membership.Role.CHAIRMAN}


@pytest.fixture
def users(world):
    return {u.username: u for u in User.objects.filter(username__in=DEMO)}


def test_fund_services_refuse_every_role_the_table_does_not_name(world, users):
    fund = fund_services.fund_create(commune=world["commune"], started_on=date(2022, 1, 1), user=users["ketoan"])
    ketoan, chutich = users["ketoan"], users["chutich"]

    def entry_in(state):
        e = fund_services.entry_draft(
            fund=fund,
            kind=Entry.Kind.RECEIPT,
            entry_date=date(2022, 3, 1),
            amount=1_000_000,
            category=Entry.Category.DONATION_PERSON,
            purpose="Ủng hộ",
            user=ketoan,
        )
        if state in ("submitted", "approved"):
            e = fund_services.entry_submit(entry=e, user=ketoan)
        if state == "approved":
            e = fund_services.entry_approve(entry=e, user=chutich)
        return e

    calls = {
        "submit": ("draft", lambda e, u: fund_services.entry_submit(entry=e, user=u)),
        "approve": ("submitted", lambda e, u: fund_services.entry_approve(entry=e, user=u)),
        "reject": ("submitted", lambda e, u: fund_services.entry_reject(entry=e, user=u, reason="Sai số")),
        "return": ("approved", lambda e, u: fund_services.entry_return(entry=e, user=u, reason="Sai ngày")),
        "post": ("approved", lambda e, u: fund_services.entry_post(entry=e, user=u)),
    }
    for action, (state, call) in calls.items():
        allowed = ENTRY.roles(action, scope.PERMISSIONS)
        for username, user in users.items():
            role = scope.memberships(user)[0].role
            entry = entry_in(state)
            if role in allowed:
                result = call(entry, user)
                assert result.status == ENTRY.action(action).target, (action, username)
            else:
                with pytest.raises(PermissionDenied):
                    call(entry, user)
                entry.refresh_from_db()
                assert entry.status == state, (action, username)
        Entry.objects.filter(fund=fund).exclude(status="posted").delete()


def test_report_services_refuse_every_role_the_table_does_not_name(world, users):
    from tests.reporting.conftest import typed_values

    year = 2022
    report_services.calendar_create_year(area=world["district"], year=year, user=users["huyen"])
    period = Period.objects.get(area=world["district"], year=year, report_type__code="commune-6m")
    now = dt.datetime(year, 6, 20, 9, tzinfo=dt.UTC)
    commune = world["commune"]

    def report_in(state):
        Submission.objects.filter(period=period, area=commune).delete()
        sub = report_services.submission_save(
            period=period, area=commune, user=users["vhxh"], values=typed_values(period, commune), now=now
        )
        if state in ("approved", "submitted"):
            sub = report_services.submission_approve(submission=sub, user=users["chutich"], now=now)
        if state == "submitted":
            sub = report_services.submission_submit(submission=sub, user=users["vhxh"], now=now)
        return sub

    calls = {
        "approve": ("draft", lambda s, u: report_services.submission_approve(submission=s, user=u, now=now)),
        "withdraw": (
            "approved",
            lambda s, u: report_services.submission_withdraw(submission=s, user=u, reason="Sửa số liệu", now=now),
        ),
        "submit": ("approved", lambda s, u: report_services.submission_submit(submission=s, user=u, now=now)),
        "accept": ("submitted", lambda s, u: report_services.submission_accept(submission=s, user=u, now=now)),
        "return": (
            "submitted",
            lambda s, u: report_services.submission_return(submission=s, user=u, comment="Bổ sung", now=now),
        ),
    }
    for action, (state, call) in calls.items():
        allowed = COMMUNE_REPORT.roles(action, scope.PERMISSIONS)
        for username, user in users.items():
            role = scope.memberships(user)[0].role
            sub = report_in(state)
            if role in allowed:
                assert call(sub, user).status == COMMUNE_REPORT.action(action).target, (action, username)
            else:
                with pytest.raises(PermissionDenied):
                    call(sub, user)


def test_an_approved_report_is_not_saved_back_to_draft(world, users):
    from tests.reporting.conftest import typed_values

    report_services.calendar_create_year(area=world["district"], year=2022, user=users["huyen"])
    period = Period.objects.get(area=world["district"], year=2022, report_type__code="commune-6m")
    now = dt.datetime(2022, 6, 20, 9, tzinfo=dt.UTC)
    commune, vhxh = world["commune"], users["vhxh"]
    sub = report_services.submission_save(
        period=period, area=commune, user=vhxh, values=typed_values(period, commune), now=now
    )
    sub = report_services.submission_approve(submission=sub, user=users["chutich"], now=now)
    with pytest.raises(ValidationError):
        report_services.submission_save(period=period, area=commune, user=vhxh, values={}, now=now)
    sub.refresh_from_db()
    assert sub.status == Submission.Status.APPROVED
    with pytest.raises(ValidationError):  # a reason is required
        report_services.submission_withdraw(submission=sub, user=vhxh, reason=" ", now=now)
    sub = report_services.submission_withdraw(submission=sub, user=vhxh, reason="Sửa số trẻ em", now=now)
    assert sub.status == Submission.Status.DRAFT
    assert sub.events.filter(action="withdrawn", comment="Sửa số trẻ em").exists()


def test_plan_services_refuse_every_role_the_table_does_not_name(world, users):
    from programs import services as plan_services
    from programs.models import Activity, Plan, Target

    plan = plan_services.plan_create(commune=world["commune"], year=2030, title="Kế hoạch năm 2030", user=users["vhxh"])
    Target.objects.create(plan=plan, order=1, title="Mục tiêu")
    Activity.objects.create(plan=plan, number=1, title="Hoạt động")
    for action, state in (("approve", Plan.Status.DRAFT), ("reopen", Plan.Status.APPROVED)):
        allowed = PLAN.roles(action, scope.PERMISSIONS)
        call = plan_services.plan_approve if action == "approve" else plan_services.plan_reopen
        for username, user in users.items():
            Plan.objects.filter(pk=plan.pk).update(status=state)
            role = scope.memberships(user)[0].role
            if role in allowed:
                assert call(plan=plan, user=user).status == PLAN.action(action).target, (action, username)
            else:
                with pytest.raises(PermissionDenied):
                    call(plan=plan, user=user)


def test_village_report_services_refuse_every_role_the_table_does_not_name(world, users):
    from tests.reporting.conftest import typed_values

    report_services.calendar_create_year(area=world["commune"], year=2022, user=users["vhxh"])
    period = Period.objects.get(area=world["commune"], year=2022, report_type__code="village-6m")
    now = dt.datetime(2022, 5, 1, 9, tzinfo=dt.UTC)
    village = world["villages"][0]

    def report_in(state):
        Submission.objects.filter(period=period, area=village).delete()
        sub = report_services.submission_save(
            period=period, area=village, user=users["thon1"], values=typed_values(period, village), now=now
        )
        if state == "submitted":
            sub = report_services.submission_submit(submission=sub, user=users["thon1"], now=now)
        return sub

    calls = {
        "submit": ("draft", lambda s, u: report_services.submission_submit(submission=s, user=u, now=now)),
        "accept": ("submitted", lambda s, u: report_services.submission_accept(submission=s, user=u, now=now)),
    }
    for action, (state, call) in calls.items():
        allowed = VILLAGE_REPORT.roles(action, scope.PERMISSIONS)
        for username, user in users.items():
            role = scope.memberships(user)[0].role
            sub = report_in(state)
            if role in allowed:
                assert call(sub, user).status == VILLAGE_REPORT.action(action).target, (action, username)
            else:
                with pytest.raises(PermissionDenied):
                    call(sub, user)
