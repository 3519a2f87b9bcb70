"""The one letterhead of the official documents (accounts/letterhead.py): the issuing body under its
superior as of the document's date, recipients and signer from the commune's settings of the year,
Decree 30 dates, names that never break; and the page where the commune keeps those settings."""

from datetime import date

import pytest
from django.urls import reverse

from accounts import letterhead as lh
from accounts.models import DocumentSettings

NBSP = "\u00a0"


def test_a_communes_superior_is_its_district_until_the_reform_and_its_province_after(world):
    commune, village = world["commune"], world["villages"][0]
    assert world["commune"].superior_on(date(2022, 5, 10)) == world["district"]
    assert commune.superior_on(date(2025, 6, 30)) == world["district"]
    assert commune.superior_on(date(2025, 7, 1)) == world["province"]
    assert village.superior_on(date(2026, 12, 2)) == commune


def test_the_header_names_the_superior_of_the_documents_date_and_keeps_place_names_whole(world):
    before = lh.letterhead(issuer=world["commune"], on=date(2022, 5, 10), kind="report", number="45")
    after = lh.letterhead(issuer=world["commune"], on=date(2026, 12, 2), kind="report")
    assert before["issuer_parent"] == f"UBND huyện{NBSP}Chi{NBSP}Lăng"
    assert after["issuer_parent"] == f"UBND tỉnh{NBSP}Lạng{NBSP}Sơn"
    assert after["issuer"] == f"Ủy ban nhân dân\nxã{NBSP}Y{NBSP}Tịch"
    assert "huyện" not in str(after).lower()  # nothing names a district after 01/07/2025
    assert before["number_label"] == "Số: 45/BC-UBND"
    assert after["number_label"] == f"Số: {NBSP * 6}/BC-UBND"  # a blank to fill in by hand
    assert before["date_line"] == f"Y{NBSP}Tịch, ngày 10 tháng 5 năm 2022"
    assert after["date_line"] == f"Y{NBSP}Tịch, ngày 02 tháng 12 năm 2026"
    assert after["receiver"] == "tỉnh Lạng Sơn"


def test_a_village_issues_under_its_commune(world):
    head = lh.letterhead(issuer=world["villages"][0], on=date(2022, 5, 3), kind="village_report", suffix="BC")
    assert head["issuer_parent"] == f"UBND xã{NBSP}Y{NBSP}Tịch" and head["issuer"] == f"Thôn{NBSP}1"
    assert (head["sign_title"], head["receiver"]) == ("TRƯỞNG THÔN", "xã Y Tịch")


def test_recipients_and_signer_come_from_the_years_settings_and_carry_to_later_years(world, user_named):
    commune = world["commune"]
    assert lh.recipients_for(commune, "plan", on=date(2022, 4, 8))[0] == "Phòng LĐTBXH&DT;"  # the seed's list
    DocumentSettings.objects.create(
        commune=commune,
        year=2022,
        recipients={"report": ["UBND {cấp trên} (qua Phòng Văn hóa - Xã hội);", "Lưu: VT."]},
        sign_authority="TM. ỦY BAN NHÂN DÂN",
        sign_title="CHỦ TỊCH",
        signer_name="Hoàng Văn Chủ",
    )
    head_2022 = lh.letterhead(issuer=commune, on=date(2022, 11, 10), kind="report")
    head_2026 = lh.letterhead(issuer=commune, on=date(2026, 12, 2), kind="report")
    assert head_2022["recipients"] == ["UBND huyện Chi Lăng (qua Phòng Văn hóa - Xã hội);", "Lưu: VT."]
    assert head_2026["recipients"] == ["UBND tỉnh Lạng Sơn (qua Phòng Văn hóa - Xã hội);", "Lưu: VT."]
    assert (head_2026["sign_authority"], head_2026["sign_title"], head_2026["signer_name"]) == (
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Hoàng Văn Chủ",
    )
    assert lh.letterhead(issuer=commune, on=date(2021, 6, 1), kind="report")["signer_name"] == ""  # before: defaults
    DocumentSettings.objects.create(commune=commune, year=2026, recipients={"report": ["Sở Y tế;"]})
    assert lh.recipients_for(commune, "report", on=date(2026, 1, 2)) == ["Sở Y tế;"]
    assert lh.recipients_for(commune, "plan", on=date(2026, 1, 2)) == lh.DEFAULT_RECIPIENTS["plan"]


def test_the_officer_keeps_the_recipients_and_signer_of_a_year(world, client_for):
    commune = world["commune"]
    url = reverse("accounts:documents", args=[commune.pk])
    client = client_for("vhxh")
    page = client.get(url + "?year=2027")
    assert page.status_code == 200 and "Phòng LĐTBXH&amp;DT;" in page.content.decode()
    data = {f"recipients_{kind}": "\n".join(lh.DEFAULT_RECIPIENTS[kind]) for kind in lh.DOCUMENT_KINDS}
    data |= {"year": "2027", "recipients_plan": "Phòng Văn hóa - Xã hội;\n\n– Dân tộc;\nLưu: VT.", "signer_name": "A"}
    data |= {"sign_authority": "KT. CHỦ TỊCH", "sign_title": "PHÓ CHỦ TỊCH"}
    assert client.post(url, data).status_code == 302
    saved = DocumentSettings.objects.get(commune=commune, year=2027)
    assert saved.recipients["plan"] == ["Phòng Văn hóa - Xã hội;", "– Dân tộc;", "Lưu: VT."]
    assert saved.history.first().history_user.username == "vhxh"
    assert client_for("chutich").get(url).status_code == 200


@pytest.mark.parametrize(("username", "status"), [("thon1", 403), ("ketoan", 403), ("huyen", 403), ("vhxh2", 404)])
def test_others_may_not_change_a_communes_document_settings(world, client_for, username, status):
    url = reverse("accounts:documents", args=[world["commune"].pk])
    assert client_for(username).get(url).status_code == status
    assert client_for(username).post(url, {"year": "2026"}).status_code == status
    assert not DocumentSettings.objects.exists()
