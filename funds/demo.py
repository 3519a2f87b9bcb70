"""Demo ledger for Y Tịch, 2022 (synthetic: donors, amounts and payees are invented).

The Child Protection Fund with a year of receipts and payments (donations, district support,
Action Month and Mid-Autumn gifts, a scholarship, emergency support), some drafts waiting at each
stage and one reversal; plus the district-support and commune-budget books the plan names.
Idempotent: a fund that already exists is left alone. Deterministic: no randomness, fixed dates.
"""

from datetime import date

from django.db import transaction

from accounts.models import User
from children.models import Child

from . import services
from .models import Entry, Fund

R, D = Entry.Kind.RECEIPT, Entry.Kind.DISBURSEMENT
C = Entry.Category

# (date, kind, amount, category, counterparty, address, purpose, child index or None, final state)
CPF_2022 = [
    ("2022-01-18", R, 2_000_000, C.CAMPAIGN, "Cán bộ, công chức UBND xã", "UBND xã Y Tịch",
     "Cán bộ, công chức xã ủng hộ Quỹ Bảo trợ trẻ em năm 2022", None, "posted"),
    ("2022-02-15", R, 5_000_000, C.DONATION_ORGANISATION, "Công ty TNHH Vật liệu Chi Lăng (giả lập)",
     "Thị trấn Đồng Mỏ, Chi Lăng", "Ủng hộ Quỹ Bảo trợ trẻ em xã", None, "posted"),
    ("2022-03-10", R, 1_000_000, C.DONATION_PERSON, "Ông Hoàng Văn Minh (giả lập)", "Thôn 3, xã Y Tịch",
     "Ủng hộ Quỹ Bảo trợ trẻ em xã", None, "posted"),
    ("2022-05-20", R, 4_000_000, C.DISTRICT_SUPPORT, "Phòng Lao động - TB&XH huyện Chi Lăng", "Huyện Chi Lăng",
     "Hỗ trợ kinh phí Tháng hành động vì trẻ em năm 2022", None, "posted"),
    ("2022-06-01", D, 3_000_000, C.GIFTS, "Ban chỉ đạo Tháng hành động xã", "UBND xã Y Tịch",
     "Quà Tháng hành động vì trẻ em: 30 suất × 100.000 đ cho trẻ em có hoàn cảnh đặc biệt", None, "posted"),
    ("2022-06-03", D, 1_500_000, C.EVENTS, "Đoàn xã Y Tịch", "UBND xã Y Tịch",
     "Lễ phát động Tháng hành động vì trẻ em (ghi nhầm số tiền)", None, "posted"),
    ("2022-06-06", D, 1_200_000, C.EVENTS, "Đoàn xã Y Tịch", "UBND xã Y Tịch",
     "Lễ phát động Tháng hành động vì trẻ em", None, "posted"),
    ("2022-08-25", R, 3_500_000, C.CAMPAIGN, "Các hộ kinh doanh trên địa bàn xã", "Xã Y Tịch",
     "Vận động ủng hộ Tết Trung thu cho trẻ em", None, "posted"),
    ("2022-09-05", D, 1_000_000, C.SCHOLARSHIPS, "", "", "Học bổng năm học 2022-2023 cho học sinh nghèo vượt khó",
     0, "posted"),
    ("2022-09-08", D, 2_500_000, C.GIFTS, "Ban chỉ đạo Tết Trung thu xã", "UBND xã Y Tịch",
     "Quà Tết Trung thu: 50 suất × 50.000 đ", None, "posted"),
    ("2022-10-14", D, 2_000_000, C.EMERGENCY, "", "", "Hỗ trợ khẩn cấp sau khi nhà bị sập do mưa lũ", 1, "posted"),
    ("2022-11-10", D, 500_000, C.COMMUNICATION, "Cơ sở in Chi Lăng (giả lập)", "Thị trấn Đồng Mỏ",
     "In tờ rơi phòng, chống đuối nước và xâm hại trẻ em", None, "posted"),
    ("2022-12-05", D, 3_000_000, C.HEALTH, "", "", "Hỗ trợ phẫu thuật tim bẩm sinh", 2, "approved"),
    ("2022-12-12", D, 1_600_000, C.GIFTS, "Ban chỉ đạo xã", "UBND xã Y Tịch",
     "Quà Tết Nguyên đán cho trẻ em mồ côi: 8 suất × 200.000 đ", None, "submitted"),
    ("2022-12-14", D, 900_000, C.EVENTS, "Đoàn xã Y Tịch", "UBND xã Y Tịch",
     "Tổ chức Diễn đàn trẻ em cấp xã", None, "rejected"),
    ("2022-12-20", R, 2_000_000, C.DONATION_ORGANISATION, "Hội Chữ thập đỏ huyện (giả lập)", "Huyện Chi Lăng",
     "Ủng hộ quà Tết cho trẻ em", None, "draft"),
]  # fmt: skip
REVERSE = ("2022-06-03", "2022-06-06", "Ghi nhầm số tiền 1.500.000 đ; đã lập phiếu đúng 1.200.000 đ")

OTHER_BOOKS = {
    Fund.Kind.DISTRICT_SUPPORT: [
        ("2022-04-12", R, 10_000_000, C.DISTRICT_SUPPORT, "Phòng Lao động - TB&XH huyện Chi Lăng", "Huyện Chi Lăng",
         "Kinh phí thực hiện Kế hoạch bảo vệ, chăm sóc trẻ em năm 2022", None, "posted"),
        ("2022-05-25", D, 2_400_000, C.COMMUNICATION, "Đài truyền thanh xã", "UBND xã Y Tịch",
         "Tuyên truyền Luật Trẻ em trên loa truyền thanh", None, "posted"),
        ("2022-07-15", D, 3_000_000, C.OTHER, "Công chức Văn hóa – Xã hội", "UBND xã Y Tịch",
         "Tập huấn kỹ năng bảo vệ trẻ em cho cộng tác viên thôn", None, "posted"),
    ],
    Fund.Kind.COMMUNE_BUDGET: [
        ("2022-03-01", R, 8_000_000, C.COMMUNE_BUDGET, "Ngân sách xã", "UBND xã Y Tịch",
         "Kinh phí đảm bảo xã hội dành cho công tác trẻ em năm 2022", None, "posted"),
        ("2022-06-01", D, 2_000_000, C.EVENTS, "Ban chỉ đạo xã", "UBND xã Y Tịch",
         "Tổ chức ngày Quốc tế thiếu nhi 1/6", None, "posted"),
    ],
}  # fmt: skip


def _d(text: str) -> date:
    return date.fromisoformat(text)


def _drive(entry: Entry, state: str, *, drafter, chairman, accountant) -> Entry:
    """Take a fresh draft to ``state`` through the real services."""
    if state == "draft":
        return entry
    entry = services.entry_submit(entry=entry, user=drafter)
    if state == "submitted":
        return entry
    if state == "rejected":
        return services.entry_reject(
            entry=entry, user=chairman, reason="Chưa có dự toán chi tiết; đề nghị bổ sung danh sách trẻ em tham gia."
        )
    entry = services.entry_approve(entry=entry, user=chairman)
    if state == "approved":
        return entry
    return services.entry_post(entry=entry, user=accountant)


def _book(fund: Fund, rows, *, children, users) -> dict:
    by_date = {}
    for day, kind, amount, category, who, address, purpose, child_index, state in rows:
        drafter = users["vhxh"] if kind == D else users["ketoan"]
        child = children[child_index] if child_index is not None and child_index < len(children) else None
        entry = services.entry_draft(
            fund=fund,
            kind=kind,
            entry_date=_d(day),
            amount=amount,
            category=category,
            counterparty=who or (child.full_name if child else "Người nhận (giả lập)"),
            counterparty_address=address or (f"{child.village.name}, xã Y Tịch" if child else ""),
            purpose=purpose,
            child=child,
            user=drafter,
        )
        if fund.kind == Fund.Kind.CHILD_PROTECTION and day == REVERSE[1]:
            # The mistaken entry of REVERSE[0] is reversed before the right one is posted.
            original = by_date[REVERSE[0]]
            reversal = services.entry_reverse(
                entry=original, user=users["ketoan"], reason=REVERSE[2], entry_date=_d(REVERSE[1])
            )
            _drive(reversal, "posted", drafter=users["ketoan"], chairman=users["chutich"], accountant=users["ketoan"])
        by_date[day] = _drive(entry, state, drafter=drafter, chairman=users["chutich"], accountant=users["ketoan"])
    return by_date


@transaction.atomic
def seed(*, context: dict, stdout=None) -> dict:
    commune = context.get("commune")
    if commune is None:
        return {}
    users = {u.username: u for u in User.objects.filter(username__in=["vhxh", "ketoan", "chutich"])}
    if len(users) < 3:
        return {}
    children = list(
        Child.objects.filter(village__parent=commune, archived_at__isnull=True)
        .select_related("village")
        .order_by("pk")[:3]
    )
    funds = {}
    plans = [
        (Fund.Kind.CHILD_PROTECTION, "Quỹ Bảo trợ trẻ em", 3_450_000, CPF_2022),
        (Fund.Kind.DISTRICT_SUPPORT, "Kinh phí huyện hỗ trợ", 0, OTHER_BOOKS[Fund.Kind.DISTRICT_SUPPORT]),
        (Fund.Kind.COMMUNE_BUDGET, "Ngân sách xã chi đảm bảo xã hội", 0, OTHER_BOOKS[Fund.Kind.COMMUNE_BUDGET]),
    ]
    created = 0
    for kind, name, brought_forward, rows in plans:
        fund = Fund.objects.filter(commune=commune, kind=kind).first()
        if fund is None:
            fund = services.fund_create(
                commune=commune,
                kind=kind,
                name=name,
                started_on=date(2022, 1, 1),
                brought_forward=brought_forward,
                user=users["ketoan"],
            )
            _book(fund, rows, children=children, users=users)
            created += 1
        funds[kind] = fund
    if stdout:
        stdout.write(f"  funds: {created} books created, {Entry.objects.filter(fund__commune=commune).count()} entries")
    return {"funds": funds, "fund": funds[Fund.Kind.CHILD_PROTECTION]}
