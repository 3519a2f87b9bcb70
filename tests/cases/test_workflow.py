"""The case workflow through the services: the stage follows the steps done, steps out of order
are refused with a clear message, every step records who and when, and the registry is offered
the matching special circumstance."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from children.cases import services
from children.cases.models import Case, CasePlan, CaseStep, Stage
from children.models import ChildCircumstance
from tests.factories import make_child

from .conftest import at

pytestmark = pytest.mark.django_db


def test_a_new_case_is_numbered_per_commune_and_year_and_waits_for_verification(open_case, world, people):
    first = open_case(reported_at=at(2022, 3, 14, 8))
    second = open_case(reported_at=at(2022, 5, 2, 8))
    other = open_case(
        commune=world["commune2"],
        children=[make_child(village=world["village2"])],
        user=people["vhxh2"],
        officer=people["vhxh2"],
    )
    assert (first.number, second.number, other.number) == ("2022-001", "2022-002", "2022-001")
    assert first.stage == Stage.VERIFICATION
    step = first.steps.get()
    assert (step.kind, step.done_by.username, step.done_at) == (CaseStep.Kind.RECEIVED, "vhxh", first.reported_at)
    assert first.village == first.children.get().village  # taken from the only child's village


def test_the_stage_follows_each_step_from_report_to_closure(open_case, advance):
    case = open_case()
    expected = {
        "verify": Stage.INITIAL_ASSESSMENT,
        "initial": Stage.DETAILED_ASSESSMENT,
        "detailed": Stage.PLANNING,
        "plan": Stage.APPROVAL,
        "approve": Stage.CARRYING_OUT,
        "review_ready": Stage.CARRYING_OUT,
        "close": Stage.CLOSED,
    }
    for step, stage in expected.items():
        fresh = open_case()
        assert advance(fresh, to=step).stage == stage, step
    kinds = list(advance(case, to="close").steps.values_list("kind", flat=True))
    assert kinds == [
        "received", "verified", "initial_assessment", "detailed_assessment",
        "plan_submitted", "plan_approved", "review", "closed",
    ]  # fmt: skip
    assert case.closed_at is not None


def test_steps_out_of_order_are_refused_and_nothing_is_saved(open_case, people):
    case = open_case()
    with pytest.raises(ValidationError, match="giai đoạn|stage"):
        services.case_assess_initial(user=people["vhxh"], case=case, risk="high", at=at(2022, 3, 14, 9))
    with pytest.raises(ValidationError):
        services.plan_decide(user=people["chutich"], case=case, approve=True)
    assert case.steps.count() == 1


def test_a_step_cannot_be_dated_before_the_previous_one_nor_in_the_future(open_case, people):
    case = open_case(reported_at=at(2022, 3, 14, 8))
    with pytest.raises(ValidationError) as exc:
        services.case_verify(user=people["vhxh"], case=case, confirmed=True, at=at(2022, 3, 14, 7))
    assert "at" in exc.value.error_dict
    with pytest.raises(ValidationError):
        services.case_verify(user=people["vhxh"], case=case, confirmed=True, at=at(2099, 1, 1))
    assert case.steps.count() == 1


def test_an_emergency_needs_its_measures_and_a_separation_needs_the_placement(open_case, advance, people):
    case = advance(open_case(), to="verify")
    with pytest.raises(ValidationError) as exc:
        services.case_assess_initial(
            user=people["vhxh"], case=case, risk="high", is_emergency=True, separated=True, at=at(2022, 3, 14, 10)
        )
    assert set(exc.value.error_dict) == {"emergency_measures", "separation_place"}
    services.case_assess_initial(
        user=people["vhxh"],
        case=case,
        risk="high",
        is_emergency=True,
        emergency_measures="Đưa cháu đến trạm y tế.",
        separated=True,
        separation_place="Bà ngoại",
        at=at(2022, 3, 14, 10),
    )
    case.refresh_from_db()
    assert case.is_emergency and case.initial_assessed_at == at(2022, 3, 14, 10)


def test_the_chairman_approves_and_the_officer_cannot(open_case, advance, people):
    case = advance(open_case(), to="plan")
    with pytest.raises(PermissionDenied):
        services.plan_decide(user=people["vhxh"], case=case, approve=True)
    with pytest.raises(PermissionDenied):
        services.case_review(user=people["chutich"], case=case, outcome="continue", note="x")
    plan = services.plan_decide(user=people["chutich"], case=case, approve=True, at=at(2022, 3, 18, 15))
    assert plan.status == CasePlan.Status.APPROVED and plan.decided_by == people["chutich"]


def test_a_returned_plan_needs_a_reason_goes_back_to_planning_and_restarts_the_clock(open_case, advance, people):
    case = advance(open_case(reported_at=at(2022, 3, 1, 8)), to="plan", submit_at=at(2022, 3, 7, 10))
    with pytest.raises(ValidationError):
        services.plan_decide(user=people["chutich"], case=case, approve=False, note=" ")
    services.plan_decide(
        user=people["chutich"], case=case, approve=False, note="Bổ sung dịch vụ tư vấn.", at=at(2022, 3, 10)
    )
    case.refresh_from_db()
    assert case.stage == Stage.PLANNING
    plan = services.plan_save(
        user=people["vhxh"], case=case, goals="Sửa lại.", first_review_on=date(2022, 5, 1), services=[]
    )
    assert plan.status == CasePlan.Status.DRAFT and plan.services.count() == 1  # the existing service is kept
    services.plan_submit(user=people["vhxh"], case=case, at=at(2022, 4, 29, 9))
    plan.refresh_from_db()
    assert plan.due_on == date(2022, 5, 12)  # 7 working days after 29/4/2022, holidays skipped


def test_a_plan_needs_a_service_with_a_responsible_unit(open_case, advance, people):
    case = advance(open_case(), to="detailed")
    row = {"kind": "health", "description": "Khám", "start_date": date(2022, 3, 20), "end_date": date(2022, 3, 30)}
    with pytest.raises(ValidationError, match="1"):
        services.plan_save(user=people["vhxh"], case=case, goals="x", first_review_on=date(2022, 5, 1), services=[row])
    services.plan_save(user=people["vhxh"], case=case, goals="x", first_review_on=date(2022, 5, 1), services=[])
    with pytest.raises(ValidationError):
        services.plan_submit(user=people["vhxh"], case=case)
    assert Case.objects.get(pk=case.pk).stage == Stage.PLANNING


def test_services_are_recorded_as_given_and_reviews_set_the_next_review(open_case, advance, people):
    case = advance(open_case(), to="approve")
    assert case.next_review_on == date(2022, 5, 1)  # the plan's first review
    service = services.current_plan(case).services.get()
    with pytest.raises(ValidationError):
        services.service_give(user=people["vhxh"], case=case, service=service, given_on=date(2022, 3, 1))
    services.service_give(user=people["vhxh"], case=case, service=service, given_on=date(2022, 3, 25))
    with pytest.raises(ValidationError):
        services.service_give(user=people["vhxh"], case=case, service=service, given_on=date(2022, 3, 26))
    with pytest.raises(ValidationError) as exc:
        services.case_review(user=people["vhxh"], case=case, outcome="continue", note="Tiến triển.", at=at(2022, 5, 2))
    assert "next_review_on" in exc.value.error_dict
    services.case_review(
        user=people["vhxh"],
        case=case,
        outcome="continue",
        note="Tiến triển.",
        next_review_on=date(2022, 7, 1),
        at=at(2022, 5, 2),
    )
    case.refresh_from_db()
    assert case.next_review_on == date(2022, 7, 1) and case.stage == Stage.CARRYING_OUT


def test_a_review_can_lead_to_a_new_plan(open_case, advance, people):
    case = advance(open_case(), to="approve")
    services.case_review(user=people["vhxh"], case=case, outcome="replan", note="Cần kế hoạch mới.", at=at(2022, 5, 2))
    case.refresh_from_db()
    assert case.stage == Stage.PLANNING
    plan = services.plan_save(
        user=people["vhxh"], case=case, goals="Lần 2", first_review_on=date(2022, 8, 1), services=[]
    )
    assert plan.version == 2


def test_closing_as_safe_needs_a_review_that_found_the_child_safe(open_case, advance, people):
    case = advance(open_case(), to="approve")
    with pytest.raises(ValidationError) as exc:
        services.case_close(user=people["vhxh"], case=case, reason="safe", note="x", at=at(2022, 5, 2))
    assert "reason" in exc.value.error_dict
    advance(case, to="close")  # review "ready" then close
    assert case.stage == Stage.CLOSED


def test_an_unconfirmed_report_is_closed_as_not_confirmed(open_case, people):
    case = open_case()
    services.case_verify(user=people["vhxh"], case=case, confirmed=False, at=at(2022, 3, 14, 10))
    case.refresh_from_db()
    assert case.stage == Stage.UNCONFIRMED
    services.case_close(
        user=people["vhxh"], case=case, reason="not_confirmed", note="Không có vụ việc.", at=at(2022, 3, 15)
    )
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED


def test_a_confirmed_case_puts_the_child_in_the_matching_circumstance_group(open_case, advance, people, child):
    case = open_case(children=[child], kind=Case.Kind.SEXUAL_ABUSE)
    with pytest.raises(ValidationError):  # not confirmed yet
        services.case_record_circumstance(user=people["vhxh"], case=case, child=child, start_date=date(2022, 3, 14))
    advance(case, to="verify")
    services.case_record_circumstance(user=people["vhxh"], case=case, child=child, start_date=date(2022, 3, 14))
    circumstance = ChildCircumstance.objects.get(child=child)
    assert (circumstance.group.letter, circumstance.start_date) == ("l", date(2022, 3, 14))
    assert circumstance.history.get().history_user == people["vhxh"]
    with pytest.raises(ValidationError):  # once
        services.case_record_circumstance(user=people["vhxh"], case=case, child=child, start_date=date(2022, 3, 14))
    assert case.steps.filter(kind=CaseStep.Kind.CIRCUMSTANCE).count() == 1


@pytest.mark.parametrize(
    ("kind", "letter"),
    [("violence", "i"), ("sexual_abuse", "l"), ("exploitation", "k"), ("trafficking", "m"), ("drowning", None)],
)
def test_each_kind_maps_to_its_circumstance_letter(kind, letter):
    assert Case(kind=kind).circumstance_letter == letter


def test_police_may_work_a_case_and_other_roles_may_not_open_one(open_case, people, user_named, world):
    case = open_case(user=people["congan"], officer=people["congan"])
    assert case.officer == people["congan"]
    for name in ("thon1", "ketoan", "chutich"):
        with pytest.raises(PermissionDenied):
            open_case(user=user_named(name))
    with pytest.raises(ValidationError) as exc:
        open_case(officer=user_named("ketoan"))
    assert "officer" in exc.value.error_dict


def test_a_child_of_another_commune_cannot_be_put_in_the_case(open_case, world):
    outsider = make_child(village=world["village2"])
    with pytest.raises(ValidationError) as exc:
        open_case(children=[outsider])
    assert "children" in exc.value.error_dict
    assert not Case.objects.exists()


def test_every_change_is_in_the_history_with_the_acting_user(open_case, advance, people):
    case = advance(open_case(), to="approve")
    services.case_update(user=people["congan"], case=case, level=Case.Level.SUPPORT)
    record = case.history.order_by("-history_date").first()
    assert record.history_user == people["congan"] and record.level == Case.Level.SUPPORT
    plan_users = {r.history_user.username for r in CasePlan.history.filter(case_id=case.pk)}
    assert plan_users == {"vhxh", "chutich"}
    assert {r.history_user.username for r in CaseStep.history.filter(case_id=case.pk)} == {"vhxh", "chutich"}
