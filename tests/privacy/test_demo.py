"""The demo shows every case of legal basis and consent, as seen by the demo users."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import AccessLog, User
from children.privacy.models import ChildBasis, Consent, Purpose, RightsRequest
from children.privacy.selectors import missing_consent, statuses_for
from programs.models import ForumParticipant, PhotographedChild

pytestmark = pytest.mark.django_db

DEMO_DAY = date(2022, 11, 1)


def test_the_demo_holds_each_basis_a_missing_consent_a_withdrawal_requests_and_log_rows(client_for, world):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # idempotent
    vhxh = User.objects.get(username="vhxh")
    assert Consent.objects.filter(withdrawn_on__isnull=False).count() == 1
    assert set(ChildBasis.objects.values_list("purpose__code", "basis")) == {
        ("forum", "consent"),
        ("share_above", "consent"),
    }
    (missing,) = missing_consent(vhxh, on=DEMO_DAY)
    assert missing.processing_bases.get().purpose.code == "forum"
    assert set(RightsRequest.objects.values_list("status", flat=True)) == {"done", "refused", "received"}
    assert AccessLog.objects.filter(what="children.profile").count() >= 4

    # Everyone on the forum roster and in the Mid-Autumn photographs had consent on the day.
    forum = ForumParticipant.objects.select_related("forum", "child")
    assert forum.count() >= 30
    on_forum = statuses_for([p.child for p in forum], Purpose.objects.get(code="forum"), on=forum[0].forum.date)
    assert not any(s.lacks_basis for s in on_forum.values())
    photographed = PhotographedChild.objects.select_related("event", "child")
    assert photographed.exists()
    in_photos = statuses_for(
        [p.child for p in photographed], Purpose.objects.get(code="event_photos"), on=photographed[0].event.date
    )
    assert not any(s.lacks_basis for s in in_photos.values())

    # As the demo users see it: the village head the missing consent, the officer the withdrawal.
    listed = client_for("thon1").get(reverse("children:list_consent"), {"on": "01/11/2022"}).content.decode()
    assert missing.full_name in listed
    withdrawn = Consent.objects.get(withdrawn_on__isnull=False).child
    page = client_for("vhxh").get(reverse("children:detail", args=[withdrawn.pk])).content.decode()
    assert "đã rút lại sự đồng ý" in page and "Ai đã mở hồ sơ này" in page
