"""Recording consent and its withdrawal, and the officers' list of children whose required consent is missing."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import AccessLog, User
from children.models import Guardian
from children.privacy import services
from children.privacy.models import Consent, Purpose
from children.privacy.selectors import child_purposes, missing_consent

from .conftest import today, with_mother

pytestmark = pytest.mark.django_db


def officer():
    return User.objects.get(username="vhxh")


def record(child, *codes, given_on=None, agreed=False, guardian=None):
    return services.consent_record(
        child=child,
        purposes=list(Purpose.objects.filter(code__in=codes)),
        guardian=guardian or child.guardians.get(),
        given_on=given_on or today(),
        child_agreed=agreed,
        user=officer(),
    )


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


def test_a_guardian_consents_to_several_purposes_one_row_each_with_history(kids):
    made = record(kids["older"], "event_photos", "forum", agreed=True)
    assert {c.purpose.code for c in made} == {"event_photos", "forum"}
    consent = made[0]
    assert (consent.given_by, consent.relation, consent.recorded_by) == ("Hoàng Thị Mẹ", "mother", officer())
    assert consent.history.get().history_user == officer()


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ("another child's guardian", "guardian"),
        ("in the future", "given_on"),
        ("before birth", "given_on"),
        ("a purpose resting on a legal duty", "purposes"),
        ("a ten-year-old who did not agree", "child_agreed"),
    ],
)
def test_a_consent_that_cannot_count_is_refused_naming_the_field(kids, case, field):
    child = kids["older"]
    call = {
        "another child's guardian": lambda: record(child, "forum", agreed=True, guardian=kids["young"].guardians.get()),
        "in the future": lambda: record(child, "forum", agreed=True, given_on=today() + timedelta(days=1)),
        "before birth": lambda: record(child, "forum", agreed=True, given_on=child.date_of_birth - timedelta(days=1)),
        "a purpose resting on a legal duty": lambda: record(child, "registry", agreed=True),
        "a ten-year-old who did not agree": lambda: record(child, "forum"),
    }[case]
    assert field in refusal(call)
    assert not Consent.objects.exists()


def test_a_second_consent_while_one_is_in_force_is_refused_but_after_a_withdrawal_it_is_recorded(kids):
    child = kids["older"]
    (first,) = record(child, "forum", agreed=True, given_on=today() - timedelta(days=30))
    assert "purposes" in refusal(lambda: record(child, "forum", agreed=True))
    services.consent_withdraw(
        consent=first, withdrawn_on=today() - timedelta(days=10), note="Bố rút lại", user=officer()
    )
    record(child, "forum", agreed=True)
    assert Consent.objects.filter(child=child).count() == 2  # the withdrawn one stays on record


def test_a_withdrawal_needs_a_date_after_the_consent_and_who_withdrew(kids):
    (consent,) = record(kids["older"], "forum", agreed=True, given_on=today() - timedelta(days=3))
    assert "withdrawn_on" in refusal(
        lambda: services.consent_withdraw(
            consent=consent, withdrawn_on=today() - timedelta(days=4), note="x", user=officer()
        )
    )
    assert "note" in refusal(
        lambda: services.consent_withdraw(consent=consent, withdrawn_on=today(), note="  ", user=officer())
    )
    services.consent_withdraw(consent=consent, withdrawn_on=today(), note="Mẹ, bằng văn bản", user=officer())
    with pytest.raises(ValidationError):
        services.consent_withdraw(consent=consent, withdrawn_on=today(), note="again", user=officer())
    consent.refresh_from_db()
    assert (consent.withdrawn_on, consent.withdrawal_recorded_by) == (today(), officer())


def test_the_missing_list_agrees_with_the_rule_for_every_child(kids, world):
    """The one-query list and the per-child rule say the same, over each way consent can be missing."""
    forum = Purpose.objects.get(code="forum")
    chosen = {name: kids[name] for name in ("young", "older", "thon2")}
    for child in chosen.values():
        services.basis_set(child=child, purpose=forum, basis="consent", user=officer())
    record(kids["young"], "forum")  # valid: 4 years old, the mother's consent suffices
    (withdrawn,) = record(kids["thon2"], "forum", agreed=True, given_on=today() - timedelta(days=9))
    services.consent_withdraw(consent=withdrawn, withdrawn_on=today(), note="Mẹ rút lại", user=officer())
    # "older" has no consent at all; "other" (Hòa Bình) has no forum basis recorded, so nothing applies.
    listed = set(missing_consent(officer(), on=today()))
    by_rule = {c for c in chosen.values() if any(row.missing_required for row in child_purposes(c, on=today()))}
    assert listed == by_rule == {kids["older"], kids["thon2"]}
    # The day before, the withdrawal had not happened and the 4-year-old's consent was not yet given.
    assert set(missing_consent(officer(), on=today() - timedelta(days=1))) == {kids["older"], kids["young"]}


def test_the_officers_list_shows_and_exports_the_missing_consents_in_scope_and_logs_the_export(kids, client_for):
    forum = Purpose.objects.get(code="forum")
    for child in (kids["older"], kids["thon2"]):
        services.basis_set(child=child, purpose=forum, basis="consent", user=officer())
    page = client_for("thon1").get(reverse("children:list_consent")).content.decode()
    assert "Lục Thị Lớn" in page and "Vi Thị Hai" not in page  # the village head sees their village only
    response = client_for("vhxh").get(reverse("children:list_consent_export"))
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    cells = {value for row in sheet.iter_rows(values_only=True) for value in row}
    assert {"Lục Thị Lớn", "Vi Thị Hai"} <= cells and "Nông Văn Nhỏ" not in cells
    log = AccessLog.objects.get(what="children.list.consent")
    assert (log.user, log.action, log.row_count, log.area.name) == (officer(), "export", 2, "Y Tịch")


def test_consent_given_by_a_grandparent_keeps_their_name_when_the_guardian_entry_is_removed(kids):
    child = with_mother(kids["young"], name="Hoàng Văn Ông")
    grandfather = child.guardians.get(full_name="Hoàng Văn Ông")
    Guardian.objects.filter(pk=grandfather.pk).update(relation=Guardian.Relation.GRANDPARENT)
    grandfather.refresh_from_db()
    (consent,) = record(child, "event_photos", guardian=grandfather)
    grandfather.delete()
    consent.refresh_from_db()
    assert (consent.guardian, consent.given_by, consent.get_relation_display()) == (None, "Hoàng Văn Ông", "Ông, bà")
