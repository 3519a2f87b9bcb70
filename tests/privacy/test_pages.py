"""The privacy pages through HTTP: who may open what (404 outside, 403 inside without the right), the
forms and their Vietnamese errors, the profile's panel, and the representative's copy as a PDF."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import AccessLog, User
from children.privacy import services
from children.privacy.models import Consent, Purpose, RightsRequest

from .conftest import today

pytestmark = pytest.mark.django_db

DAY = lambda d: d.strftime("%d/%m/%Y")  # noqa: E731


def officer():
    return User.objects.get(username="vhxh")


def routes(child, consent, request):
    return {
        "consent_add": reverse("children:consent_add", args=[child.pk]),
        "consent_withdraw": reverse("children:consent_withdraw", args=[child.pk, consent.pk]),
        "basis_edit": reverse("children:basis_edit", args=[child.pk]),
        "request_add": reverse("children:request_add", args=[child.pk]),
        "request_decide": reverse("children:request_decide", args=[child.pk, request.pk]),
        "request_complete": reverse("children:request_complete", args=[child.pk, request.pk]),
        "held_data_pdf": reverse("children:held_data_pdf", args=[child.pk]),
    }


@pytest.fixture
def records(kids):
    child = kids["older"]
    consent = services.consent_record(
        child=child,
        purposes=[Purpose.objects.get(code="event_photos")],
        guardian=child.guardians.get(),
        given_on=today() - timedelta(days=10),
        child_agreed=True,
        user=officer(),
    )[0]
    request = services.rights_request_receive(
        child=child,
        kind="correction",
        requested_by="Hoàng Thị Mẹ",
        relation="mother",
        received_on=today(),
        details="Sửa địa chỉ",
        user=officer(),
    )
    return child, consent, request


CONSENT_ROUTES = ["consent_add", "consent_withdraw", "basis_edit"]
RIGHTS_ROUTES = ["request_add", "request_decide", "request_complete", "held_data_pdf"]


@pytest.mark.parametrize("name", CONSENT_ROUTES + RIGHTS_ROUTES)
@pytest.mark.parametrize("username", ["thon2", "vhxh2", "ketoan", "congan", "doanxa"])
def test_outsiders_get_404_on_every_privacy_route(records, client_for, username, name):
    url = routes(*records)[name]
    client = client_for(username)
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404
    assert not AccessLog.objects.filter(what="children.held_data_pdf").exists()


@pytest.mark.parametrize(
    ("username", "allowed"),
    [
        ("vhxh", CONSENT_ROUTES + RIGHTS_ROUTES),
        ("thon1", CONSENT_ROUTES),
        ("chutich", []),
        ("huyen", []),
        ("yte", []),
        ("tuphap", []),
        ("truong", []),
    ],
)
def test_insiders_get_the_routes_their_role_grants_and_403_on_the_others(records, client_for, username, allowed):
    client = client_for(username)
    for name, url in routes(*records).items():
        expected = 200 if name in allowed else 403
        assert client.get(url).status_code == expected, (username, name)


def test_the_officer_records_a_consent_through_the_form(kids, client_for):
    child = kids["thon2"]
    url = reverse("children:consent_add", args=[child.pk])
    data = {
        "purposes": [Purpose.objects.get(code="forum").pk],
        "guardian": child.guardians.get().pk,
        "given_on": DAY(today()),
        "document": "Phiếu số 7",
    }
    refused = client_for("vhxh").post(url, data)  # 9 years old: the child must agree too
    assert refused.status_code == 200 and "từ đủ 7 tuổi, trẻ em cũng phải đồng ý" in refused.content.decode()
    assert not Consent.objects.exists()
    response = client_for("vhxh").post(url, data | {"child_agreed": "on"})
    assert response.status_code == 302 and response["Location"].endswith("#privacy")
    consent = Consent.objects.get()
    assert (consent.purpose.code, consent.child_agreed, consent.document) == ("forum", True, "Phiếu số 7")


def test_a_date_in_the_future_or_badly_typed_is_refused_with_a_message_naming_it(kids, client_for):
    child = kids["young"]
    url = reverse("children:consent_add", args=[child.pk])
    base = {"purposes": [Purpose.objects.get(code="event_photos").pk], "guardian": child.guardians.get().pk}
    future = client_for("thon1").post(url, base | {"given_on": DAY(today() + timedelta(days=2))}).content.decode()
    assert "Ngày không thể ở tương lai." in future
    garbled = client_for("thon1").post(url, base | {"given_on": "31/02/2026"}).content.decode()
    assert "Ngày đồng ý: ngày 31/02/2026 không có trong lịch." in garbled
    assert not Consent.objects.exists()


def test_the_withdrawal_form_records_it_and_the_profile_says_so(records, client_for):
    child, consent, _request = records
    url = reverse("children:consent_withdraw", args=[child.pk, consent.pk])
    response = client_for("thon1").post(url, {"withdrawn_on": DAY(today()), "note": "Mẹ, bằng văn bản"})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == today()
    page = client_for("thon1").get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "đã rút lại sự đồng ý" in page and "Mẹ, bằng văn bản" in page


def test_a_request_is_decided_and_done_or_refused_with_a_reason(records, client_for):
    child, _consent, request = records
    client = client_for("vhxh")
    decide = reverse("children:request_decide", args=[child.pk, request.pk])
    no_reason = client.post(decide, {"decision": "refuse", "decided_on": DAY(today())}).content.decode()
    assert "Ghi lý do từ chối" in no_reason
    assert client.post(decide, {"decision": "accept", "decided_on": DAY(today())}).status_code == 302
    done = reverse("children:request_complete", args=[child.pk, request.pk])
    assert client.post(done, {"done_on": DAY(today()), "outcome": "Đã sửa địa chỉ"}).status_code == 302
    request.refresh_from_db()
    assert (request.status, request.decided_by, request.done_by, request.outcome) == (
        RightsRequest.Status.DONE,
        officer(),
        officer(),
        "Đã sửa địa chỉ",
    )
    assert request.history.count() == 3  # received, decided, done: each with who and when
    assert client.post(decide, {"decision": "accept", "decided_on": DAY(today())}).status_code == 200  # once only


def test_the_profile_shows_basis_consent_and_requests_and_the_buttons_of_the_role(records, client_for):
    child, _consent, _request = records
    url = reverse("children:detail", args=[child.pk])
    officer_page = client_for("vhxh").get(url).content.decode()
    for text in ("Dữ liệu cá nhân: căn cứ xử lý và sự đồng ý", "nghĩa vụ theo pháp luật", "đã đồng ý",
                 "Hoàng Thị Mẹ", "Sửa địa chỉ", "In thông tin xã đang lưu giữ về trẻ (PDF)", "Ai đã mở hồ sơ này"):  # fmt: skip
        assert text in officer_page, text
    head = client_for("thon1").get(url).content.decode()
    assert "Ghi nhận sự đồng ý" in head and "In thông tin xã" not in head and "Ai đã mở hồ sơ này" not in head
    health = client_for("yte").get(url).content.decode()
    assert "đã đồng ý" in health and "Ghi nhận sự đồng ý" not in health


def test_the_representatives_copy_is_an_official_pdf_of_what_the_commune_holds_and_is_logged(records, client_for):
    child, _consent, _request = records
    response = client_for("vhxh").get(reverse("children:held_data_pdf", args=[child.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages).split())
    for line in ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "THÔNG BÁO",
                 child.full_name, "Hoàng Thị Mẹ", "Chụp ảnh trẻ em tại sự kiện", "Đã đồng ý",
                 "Nghĩa vụ theo quy định của pháp luật", "Sửa địa chỉ", "Nơi nhận:"):  # fmt: skip
        assert line in text, line
    log = AccessLog.objects.get(what="children.held_data_pdf")
    assert (log.user, log.action, log.subject_id, log.area, log.row_count) == (
        officer(),
        "print",
        child.pk,
        child.village,
        1,
    )


def test_basis_for_a_child_is_set_and_cleared_from_the_profile(kids, client_for):
    child = kids["older"]
    forum = Purpose.objects.get(code="forum")
    client = client_for("thon1")
    missing = client.post(reverse("children:basis_edit", args=[child.pk]), {"purpose": forum.pk, "basis": "legal_duty"})
    assert "Ghi rõ văn bản pháp luật" in missing.content.decode()
    assert (
        client.post(
            reverse("children:basis_edit", args=[child.pk]), {"purpose": forum.pk, "basis": "consent"}
        ).status_code
        == 302
    )
    page = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "thiếu sự đồng ý bắt buộc" in page
    record = child.processing_bases.get()
    assert client.get(reverse("children:basis_clear", args=[child.pk, record.pk])).status_code == 405
    assert client.post(reverse("children:basis_clear", args=[child.pk, record.pk])).status_code == 302
    assert not child.processing_bases.exists()


def test_consent_withdrawal_and_requests_are_in_the_profiles_change_history(records, client_for):
    child, consent, _request = records
    services.consent_withdraw(consent=consent, withdrawn_on=today(), note="Mẹ, bằng văn bản", user=officer())
    page = client_for("chutich").get(reverse("children:detail", args=[child.pk])).content.decode()
    history = page.split("Lịch sử thay đổi", 1)[1]
    assert "Sự đồng ý" in history and "Ngày rút lại" in history and "Yêu cầu của người đại diện" in history
