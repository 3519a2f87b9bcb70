"""The life of an entry, the balance, vouchers, years and reversals (services)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from children.models import Support
from funds import figures, selectors, services
from funds.models import Entry
from tests.factories import make_child

from .conftest import D22, draft, posted, to_approved, to_posted

R, D = Entry.Kind.RECEIPT, Entry.Kind.DISBURSEMENT


def test_receipt_goes_from_draft_to_posted_with_the_first_voucher_number(fund, people):
    entry = draft(fund, people, amount=1_250_000)
    assert entry.status == Entry.Status.DRAFT and entry.voucher_code == ""
    entry = to_posted(entry, people)
    assert entry.status == Entry.Status.POSTED
    assert entry.voucher_code == "PT-2022-001"
    assert entry.posted_by == people["ketoan"] and entry.decided_by == people["chutich"]
    assert figures.fund_balance(fund=fund) == 1_250_000


def test_voucher_numbers_run_per_kind_and_year(fund, people):
    services.year_open(fund=fund, year=2023, user=people["ketoan"])
    codes = [
        posted(fund, people, amount=5_000_000).voucher_code,
        posted(fund, people, kind=D, amount=100_000).voucher_code,
        posted(fund, people, amount=100_000).voucher_code,
        posted(fund, people, kind=D, amount=100_000, day=date(2022, 7, 1)).voucher_code,
        posted(fund, people, kind=D, amount=100_000, day=date(2023, 1, 5)).voucher_code,
        posted(fund, people, amount=100_000, day=date(2023, 1, 6)).voucher_code,
    ]
    assert codes == ["PT-2022-001", "PC-2022-001", "PT-2022-002", "PC-2022-002", "PC-2023-001", "PT-2023-001"]


def test_a_payment_beyond_the_balance_is_refused_at_approval_and_nothing_changes(fund, people):
    posted(fund, people, amount=1_000_000)
    entry = services.entry_submit(entry=draft(fund, people, kind=D, amount=1_000_001), user=people["vhxh"])
    with pytest.raises(ValidationError, match="không đủ tiền"):
        services.entry_approve(entry=entry, user=people["chutich"])
    entry.refresh_from_db()
    assert entry.status == Entry.Status.SUBMITTED
    assert figures.fund_balance(fund=fund) == 1_000_000


def test_a_payment_beyond_the_balance_is_refused_at_posting(fund, people):
    posted(fund, people, amount=1_000_000)
    first = to_approved(draft(fund, people, kind=D, amount=700_000), people)
    second = to_approved(draft(fund, people, kind=D, amount=700_000), people)  # approved while 1.000.000 was there
    services.entry_post(entry=first, user=people["ketoan"])
    with pytest.raises(ValidationError, match="không đủ tiền"):
        services.entry_post(entry=second, user=people["ketoan"])
    second.refresh_from_db()
    assert second.status == Entry.Status.APPROVED and second.voucher_number is None
    assert figures.fund_balance(fund=fund) == 300_000


def test_rejection_needs_a_reason_and_the_drafter_can_resubmit(fund, people):
    entry = services.entry_submit(entry=draft(fund, people), user=people["vhxh"])
    with pytest.raises(ValidationError, match="lý do"):
        services.entry_reject(entry=entry, user=people["chutich"], reason="  ")
    entry = services.entry_reject(entry=entry, user=people["chutich"], reason="Thiếu chứng từ")
    assert entry.status == Entry.Status.REJECTED and entry.rejection_reason == "Thiếu chứng từ"
    entry = services.entry_update(entry=entry, user=people["vhxh"], amount=900_000)
    assert entry.status == Entry.Status.DRAFT
    assert services.entry_submit(entry=entry, user=people["vhxh"]).status == Entry.Status.SUBMITTED


@pytest.mark.parametrize(
    "changes", [{"amount": 1}, {"purpose": "Sửa"}, {"entry_date": date(2022, 7, 1)}, {"category": "campaign"}]
)
def test_a_posted_entry_cannot_be_edited_or_discarded(fund, people, changes):
    entry = posted(fund, people, amount=2_000_000)
    before = Entry.objects.values().get(pk=entry.pk)
    with pytest.raises(ValidationError, match="đã ghi sổ"):
        services.entry_update(entry=entry, user=people["ketoan"], **changes)
    with pytest.raises(ValidationError, match="đã ghi sổ"):
        services.entry_discard(entry=entry, user=people["ketoan"])
    assert Entry.objects.values().get(pk=entry.pk) == before


def test_a_reversal_names_the_original_and_undoes_it_once_posted(fund, people):
    posted(fund, people, amount=5_000_000)
    wrong = posted(fund, people, kind=D, amount=1_500_000, category=Entry.Category.EVENTS)
    reversal = services.entry_reverse(entry=wrong, user=people["ketoan"], reason="Ghi nhầm", entry_date=D22)
    assert reversal.reverses == wrong and reversal.status == Entry.Status.DRAFT
    assert "PC-2022-001" in reversal.purpose
    with pytest.raises(ValidationError, match="đã có bút toán đảo"):
        services.entry_reverse(entry=wrong, user=people["ketoan"], reason="Lần nữa", entry_date=D22)
    reversal = to_posted(reversal, people)
    assert reversal.voucher_code == "PC-2022-002"
    assert figures.fund_balance(fund=fund) == 5_000_000
    wrong.refresh_from_db()
    assert wrong.status == Entry.Status.POSTED and wrong.amount == 1_500_000  # the original stays
    totals = figures.fund_totals(area=fund.commune, start=date(2022, 1, 1), end=date(2022, 12, 31))
    assert totals["disbursements"] == 0 and totals["by_category"]["events"] == 0


def test_reversing_a_receipt_cannot_overdraw_the_fund(fund, people):
    receipt = posted(fund, people, amount=1_000_000)
    posted(fund, people, kind=D, amount=600_000)
    reversal = services.entry_submit(
        entry=services.entry_reverse(entry=receipt, user=people["ketoan"], reason="Trả lại", entry_date=D22),
        user=people["ketoan"],
    )
    with pytest.raises(ValidationError, match="không đủ tiền"):
        services.entry_approve(entry=reversal, user=people["chutich"])


def test_a_closed_year_accepts_no_entries(fund, people):
    posted(fund, people, amount=1_000_000)
    year = fund.years.get(year=2022)
    services.year_close(fund_year=year, user=people["ketoan"])
    with pytest.raises(ValidationError) as exc:
        draft(fund, people, day=date(2022, 12, 31))
    assert "Năm 2022 đã khóa sổ" in str(exc.value)
    assert fund.entries.count() == 1


def test_a_year_with_pending_entries_cannot_be_closed(fund, people):
    services.entry_submit(entry=draft(fund, people), user=people["vhxh"])
    with pytest.raises(ValidationError, match="chưa ghi sổ"):
        services.year_close(fund_year=fund.years.get(year=2022), user=people["ketoan"])


def test_the_next_year_opens_with_the_balance_carried_from_the_last(fund, people):
    posted(fund, people, amount=3_000_000)
    posted(fund, people, kind=D, amount=1_200_000)
    with pytest.raises(ValidationError, match="2023"):
        services.year_open(fund=fund, year=2024, user=people["ketoan"])
    services.year_open(fund=fund, year=2023, user=people["ketoan"])
    assert figures.year_opening_balance(fund=fund, year=2023) == 1_800_000
    report = selectors.public_report(fund=fund, year=2023)
    assert report["opening"] == 1_800_000 and report["closing"] == 1_800_000


def test_the_cash_book_runs_in_date_order(fund, people):
    posted(fund, people, amount=1_000_000, day=date(2022, 6, 10))
    late = to_approved(draft(fund, people, amount=1_000_000, day=date(2022, 6, 9)), people)
    with pytest.raises(ValidationError, match="10/06/2022"):
        services.entry_post(entry=late, user=people["ketoan"])


def test_posting_a_payment_to_a_child_records_the_childs_support(fund, people, world):
    child = make_child(village=world["villages"][2])
    posted(fund, people, amount=5_000_000)
    entry = posted(
        fund, people, kind=D, amount=1_000_000, category=Entry.Category.SCHOLARSHIPS, child=child, purpose="Học bổng"
    )
    support = Support.objects.get(child=child)
    assert entry.support == support
    assert (support.kind, support.amount, support.source, support.date) == ("education", 1_000_000, "fund", D22)
    assert "PC-2022-001" in support.note


def test_a_child_of_another_commune_cannot_be_paid(fund, people, world):
    child = make_child(village=world["village2"])
    with pytest.raises(ValidationError, match="xã của quỹ"):
        draft(fund, people, kind=D, child=child)


def test_a_receipt_cannot_have_a_payment_category(fund, people):
    with pytest.raises(ValidationError, match="không phù hợp"):
        draft(fund, people, kind=R, category=Entry.Category.GIFTS)


@pytest.mark.parametrize("amount", [0, -5, 10**12 + 1])
def test_bad_amounts_are_refused_by_the_service(fund, people, amount):
    with pytest.raises(ValidationError):
        draft(fund, people, amount=amount)
    assert fund.entries.count() == 0


def test_disbursement_request_drafts_a_payment_for_another_app(fund, people, world):
    entry = services.disbursement_request(
        commune=world["commune"],
        amount=2_500_000,
        category=Entry.Category.GIFTS,
        purpose="Quà Trung thu",
        requested_by=people["vhxh"],
        entry_date=date(2022, 9, 1),
    )
    assert (entry.fund, entry.kind, entry.status, entry.created_by) == (fund, D, Entry.Status.DRAFT, people["vhxh"])
    assert "2.500.000 đ" in entry.display()
    with pytest.raises(ValidationError, match="Hòa Bình"):
        services.disbursement_request(
            commune=world["commune2"], amount=1, category="gifts", purpose="x", requested_by=people["vhxh"]
        )


def test_every_state_change_is_recorded_with_who(fund, people):
    entry = posted(fund, people)
    users = [h.history_user.username for h in entry.history.order_by("history_date", "history_id")]
    assert users == ["ketoan", "ketoan", "chutich", "ketoan"]
    statuses = [h.status for h in entry.history.order_by("history_date", "history_id")]
    assert statuses == ["draft", "submitted", "approved", "posted"]


def test_fund_totals_sum_communes_under_a_district(fund, fund2, people, world):
    admin = User.objects.get(username="admin")
    posted(fund, people, amount=3_000_000)
    # the other commune's book is kept by its own staff; a superuser stands in for them here
    posted(fund2, dict.fromkeys(people, admin), amount=2_000_000)
    posted(fund, people, kind=D, amount=500_000, category=Entry.Category.GIFTS)
    totals = figures.fund_totals(area=world["district"], start=date(2022, 1, 1), end=date(2022, 12, 31))
    assert totals["receipts"] == 5_000_000 and totals["disbursements"] == 500_000
    assert totals["by_category"] == {"donation_person": 5_000_000, "gifts": 500_000}
    only = figures.fund_totals(area=world["commune"], start=date(2022, 1, 1), end=date(2022, 12, 31))
    assert only["receipts"] == 3_000_000
