"""Demo of legal basis, consent and the representative's rights in Y Tịch's Thôn 1 (so that both the
culture-social officer and the village head ``thon1`` see it), and a few access-log rows.

* every child: the registry and sharing with the level above rest on a legal duty (the rules);
* a child aged 7 or more whose mother agreed to photographs at events, and who agreed too;
* a child under 7 whose father agreed to photographs (the child's own agreement is not needed yet);
* a child whose consent to photographs was withdrawn on 05/09/2022 (refused at the Mid-Autumn event);
* a child chosen for the district Children's Forum whose consent is still missing (on the officers' list
  "required consent missing");
* a child for whom the officer recorded consent as the basis for sharing with the level above, and
  the consent;
* three requests of legal representatives: a correction done, a deletion refused, one waiting.

The Children's Forum roster and the Mid-Autumn photographs of ``programs/demo.py`` record their own
consents through ``demo_consent``. Idempotent: nothing is added when Thôn 1 already has consents.
"""

from datetime import date

from accounts.audit import log_access
from accounts.models import User

from ..models import Child, age_on
from . import services
from .models import Basis, Consent, Purpose


def demo_consent(child: Child, purpose_code: str, *, given_on: date, user, document: str = "") -> Consent | None:
    """Record the consent of the child's main guardian (and of the child, who agrees) unless one exists."""
    purpose = Purpose.objects.get(code=purpose_code)
    guardian = child.guardians.order_by("-is_primary", "pk").first()
    if guardian is None or Consent.objects.filter(child=child, purpose=purpose).exists():
        return None
    agreed = purpose.child_must_agree(age_on(child.date_of_birth, given_on))
    return services.consent_record(
        child=child,
        purposes=[purpose],
        guardian=guardian,
        given_on=given_on,
        child_agreed=agreed,
        document=document,
        user=user,
    )[0]


def _pick(village, on: date, low: int, high: int, taken: set[int]) -> Child | None:
    qs = Child.objects.filter(village=village).active(on).aged(low, high, on).exclude(pk__in=taken).order_by("pk")
    child = next((c for c in qs[:50] if c.guardians.exists()), None)
    if child is not None:
        taken.add(child.pk)
    return child


def seed(*, village, on: date, stdout=None) -> None:
    if Consent.objects.filter(child__residences__village=village).exists():  # where the child lived in 2022
        return
    officer = User.objects.get(username="vhxh")
    taken: set[int] = set()
    # Ages in 2022 chosen so that the children are still under 16 at the end of 2026.
    older = _pick(village, on, 8, 11, taken)
    young = _pick(village, on, 3, 5, taken)
    withdrawn = _pick(village, on, 7, 10, taken)
    forum = _pick(village, on, 8, 10, taken)
    shared = _pick(village, on, 7, 10, taken)
    if None in (older, young, withdrawn, forum, shared):
        return  # too few children in the village for the demo's cases

    demo_consent(older, "event_photos", given_on=date(2022, 5, 20), user=officer, document="Phiếu đồng ý số 01/2022")
    demo_consent(young, "event_photos", given_on=date(2022, 5, 20), user=officer, document="Phiếu đồng ý số 02/2022")
    consent = demo_consent(withdrawn, "event_photos", given_on=date(2022, 5, 20), user=officer)
    services.consent_withdraw(
        consent=consent,
        withdrawn_on=date(2022, 9, 5),
        note="Mẹ của trẻ đến UBND xã đề nghị bằng văn bản không chụp ảnh trẻ nữa",
        user=officer,
    )
    services.basis_set(
        child=forum,
        purpose=Purpose.objects.get(code="forum"),
        basis=Basis.CONSENT,
        note="Được chọn dự Diễn đàn trẻ em huyện năm 2022; chờ phiếu đồng ý của gia đình",
        user=officer,
    )
    services.basis_set(
        child=shared,
        purpose=Purpose.objects.get(code="share_above"),
        basis=Basis.CONSENT,
        note="Gia đình đề nghị gửi hồ sơ lên Phòng Giáo dục huyện để xét học bổng (ngoài báo cáo định kỳ)",
        user=officer,
    )
    demo_consent(shared, "share_above", given_on=date(2022, 8, 15), user=officer, document="Đơn đề nghị ngày 15/8/2022")

    done = services.rights_request_receive(
        child=older,
        kind="correction",
        requested_by=older.guardians.order_by("-is_primary", "pk").first().full_name,
        relation=older.guardians.order_by("-is_primary", "pk").first().relation,
        received_on=date(2022, 10, 3),
        details="Sửa địa chỉ: gia đình đã chuyển sang xóm Nà Pàn của thôn.",
        user=officer,
    )
    services.rights_request_decide(request=done, accept=True, decided_on=date(2022, 10, 4), reason="", user=officer)
    services.rights_request_complete(
        request=done, done_on=date(2022, 10, 5), outcome="Đã sửa địa chỉ trong sổ theo dõi trẻ em.", user=officer
    )
    refused = services.rights_request_receive(
        child=withdrawn,
        kind="deletion",
        requested_by=withdrawn.guardians.order_by("-is_primary", "pk").first().full_name,
        relation=withdrawn.guardians.order_by("-is_primary", "pk").first().relation,
        received_on=date(2022, 9, 5),
        details="Xóa toàn bộ thông tin của trẻ khỏi sổ theo dõi của xã.",
        user=officer,
    )
    services.rights_request_decide(
        request=refused,
        accept=False,
        decided_on=date(2022, 9, 7),
        reason="Sổ theo dõi trẻ em được lập theo nghĩa vụ của UBND xã (Luật Trẻ em 2016); không xóa. "
        "Ảnh của trẻ đã được xóa và không chụp ảnh trẻ nữa.",
        user=officer,
    )
    services.rights_request_receive(
        child=young,
        kind="correction",
        requested_by=young.guardians.order_by("-is_primary", "pk").first().full_name,
        relation=young.guardians.order_by("-is_primary", "pk").first().relation,
        received_on=date(2022, 10, 28),
        details="Sửa số điện thoại của người chăm sóc.",
        user=officer,
    )

    # A few access-log rows (dated when the demo is loaded: the log is never backdated).
    users = {u.username: u for u in User.objects.filter(username__in=["vhxh", "chutich", "thon1", "huyen"])}
    for username, child in [("vhxh", older), ("chutich", older), ("thon1", withdrawn), ("vhxh", forum)]:
        log_access(None, user=users[username], what="children.profile", action="view", area=village, subject=child)
    log_access(
        None,
        user=users["vhxh"],
        what="children.held_data_pdf",
        action="print",
        area=village,
        subject=older,
        row_count=1,
    )
    log_access(
        None,
        user=users["huyen"],
        what="children.registry",
        area=village.parent,
        filters={"commune": str(village.parent.pk)},
        row_count=Child.objects.filter(village__parent=village.parent).count(),
    )
    if stdout:
        stdout.write("  privacy: consents, a withdrawal, a missing consent, three requests, access-log rows in Thôn 1")
