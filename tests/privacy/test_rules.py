"""The rules as data: the four purposes and their sources, and how basis and consent apply to a child."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from children.privacy import services
from children.privacy.models import Purpose
from children.privacy.rules import purpose_status
from children.privacy.selectors import child_purposes

from .conftest import today

pytestmark = pytest.mark.django_db


def officer():
    return User.objects.get(username="vhxh")


def consent(child, code, *, given_on, agreed=False):
    return services.consent_record(
        child=child,
        purposes=[Purpose.objects.get(code=code)],
        guardian=child.guardians.get(),
        given_on=given_on,
        child_agreed=agreed,
        user=officer(),
    )[0]


def test_the_rules_are_loaded_with_their_basis_age_and_sources(world):
    rules = {p.code: p for p in Purpose.objects.all()}
    assert list(rules) == ["registry", "share_above", "event_photos", "forum"]
    assert (rules["registry"].basis, rules["registry"].every_child) == ("legal_duty", True)
    assert (rules["share_above"].basis, rules["share_above"].every_child) == ("legal_duty", True)
    for code in ("event_photos", "forum"):
        assert (rules[code].basis, rules[code].every_child, rules[code].child_consent_age) == ("consent", False, 7)
        assert "91/2025/QH15" in rules[code].child_consent_source and "Điều 24" in rules[code].child_consent_source
    assert "Thông tư 29/2019" in rules["forum"].citation
    # Nothing was checked against the Official Gazette: every rule says what is still to confirm.
    assert all(not p.confirmed and p.note for p in rules.values())


def test_every_child_rests_on_a_legal_duty_for_the_registry_without_consent(kids):
    rows = {row.purpose.code: row for row in child_purposes(kids["older"], on=today())}
    assert rows["registry"].state == rows["share_above"].state == "legal_duty"
    assert rows["registry"].applies and not rows["registry"].lacks_basis
    assert rows["event_photos"].state == "missing" and not rows["event_photos"].applies
    assert not rows["event_photos"].missing_required  # photos apply only to children photographed


def test_a_consent_counts_from_its_day_until_its_withdrawal(kids):
    child, day = kids["older"], today() - timedelta(days=20)
    given = consent(child, "event_photos", given_on=day, agreed=True)
    photos = Purpose.objects.get(code="event_photos")

    def state(on):
        return purpose_status(photos, child=child, consents=[given], override=None, on=on).state

    assert state(day - timedelta(days=1)) == "missing"
    assert state(day) == "valid"
    services.consent_withdraw(
        consent=given, withdrawn_on=today() - timedelta(days=5), note="Mẹ rút lại", user=officer()
    )
    given.refresh_from_db()
    assert state(today() - timedelta(days=6)) == "valid"
    assert state(today() - timedelta(days=5)) == "withdrawn"


def test_from_seven_the_childs_own_agreement_is_needed_and_a_younger_childs_consent_lapses(kids):
    young, photos = kids["young"], Purpose.objects.get(code="event_photos")
    given = consent(young, "event_photos", given_on=today())  # 4 years old: the parent's consent suffices
    assert purpose_status(photos, child=young, consents=[given], override=None, on=today()).state == "valid"
    at_seven = young.date_of_birth.replace(year=young.date_of_birth.year + 7)
    later = purpose_status(photos, child=young, consents=[given], override=None, on=at_seven)
    assert later.state == "child_must_agree" and later.lacks_basis


def test_a_basis_recorded_for_one_child_overrides_the_rule(kids):
    child, forum = kids["older"], Purpose.objects.get(code="forum")
    services.basis_set(child=child, purpose=forum, basis="consent", note="Chọn dự diễn đàn huyện", user=officer())
    row = {r.purpose.code: r for r in child_purposes(child, on=today())}["forum"]
    assert row.applies and row.missing_required and row.override is not None
    share = Purpose.objects.get(code="share_above")
    services.basis_set(child=child, purpose=share, basis="consent", user=officer())
    assert {r.purpose.code: r for r in child_purposes(child, on=today())}["share_above"].state == "missing"


def test_a_legal_duty_needs_its_citation(kids):
    with pytest.raises(ValidationError) as refused:
        services.basis_set(
            child=kids["older"], purpose=Purpose.objects.get(code="forum"), basis="legal_duty", user=officer()
        )
    assert "citation" in refused.value.message_dict


def test_changing_the_rule_is_a_data_change(kids):
    """A later decree: photographs need the child's own agreement from 10 — no code changes."""
    photos = Purpose.objects.get(code="event_photos")
    child = kids["older"]  # 10 years old
    given = consent(child, "event_photos", given_on=today(), agreed=True)
    photos.child_consent_age = 12
    photos.save()
    given.child_agreed = False
    given.save()
    assert purpose_status(photos, child=child, consents=[given], override=None, on=today()).state == "valid"
    photos.child_consent_age = 10
    photos.save()
    assert purpose_status(photos, child=child, consents=[given], override=None, on=today()).state == "child_must_agree"
    assert [h.child_consent_age for h in photos.history.order_by("history_date")] == [12, 10]  # kept in history
