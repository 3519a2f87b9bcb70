"""The one letterhead of the portal's official documents (Decree 30/2020/NĐ-CP).

``letterhead(issuer=…, on=…, kind=…)`` gives every PDF template the same header and footer:

* the issuing body and, above it, its superior **as of the document's date**, from the area tree:
  a commune's superior is its district until 30/06/2025 and its province from 01/07/2025 (the
  district is closed in the data), so nothing prints "UBND huyện" after the reform;
* place names that never break across lines ("XÃ Y TỊCH" keeps its words together);
* the place-and-date line as the Decree writes it ("Y Tịch, ngày 02 tháng 12 năm 2026");
* the document number ("Số: 45/BC-UBND", or a blank to fill in by hand);
* the recipients ("Nơi nhận") and the default signer from the commune's settings for the year
  (``DocumentSettings``; a year without its own uses the latest earlier year's, and a commune
  without any uses ``DEFAULT_RECIPIENTS``). In a recipient line, ``{cấp trên}`` stands for the
  superior on the document's date ("huyện Chi Lăng", later "tỉnh Lạng Sơn").

Templates include ``pdf/_official_header.html`` and ``pdf/_signature.html`` with this context.
"""

from __future__ import annotations

from datetime import date

from core.formatting import official_date

from .models import Area, DocumentSettings

NBSP = "\u00a0"
SUPERIOR = "{cấp trên}"

KIND_WORD = {Area.Kind.PROVINCE: "tỉnh", Area.Kind.DISTRICT: "huyện", Area.Kind.COMMUNE: "xã", Area.Kind.VILLAGE: ""}

# Kinds of document and who receives them unless the commune's settings say otherwise.
# The plan's list is the seed's (Kế hoạch 2022 of Y Tịch, "Nơi nhận"), word for word.
DOCUMENT_KINDS = {
    "plan": "Kế hoạch bảo vệ, chăm sóc trẻ em",
    "report": "Báo cáo của xã gửi cấp trên",
    "village_report": "Báo cáo của thôn gửi xã",
    "public_report": "Công khai thu, chi Quỹ Bảo trợ trẻ em",
    "case_file": "Hồ sơ vụ việc bảo vệ trẻ em",
    "held_data": "Thông tin về trẻ em gửi người đại diện theo pháp luật",
    "allowance_list": "Danh sách chi trả trợ cấp xã hội hằng tháng",
}
DEFAULT_RECIPIENTS = {
    "plan": [
        "Phòng LĐTBXH&DT;",
        "TT Đảng ủy;",
        "TT HĐND xã;",
        "CT, PCT UBND xã;",
        "UB MTTQVN và các đoàn thể xã;",
        "Công an xã;",
        "Trạm Y tế;",
        "08 thôn trên địa bàn;",
        "Lưu: VT,(HVT).",
    ],
    "report": [
        f"UBND {SUPERIOR} (qua Phòng LĐTBXH&DT);",
        "TT Đảng ủy, TT HĐND xã;",
        "CT, PCT UBND xã;",
        "Lưu: VT.",
    ],
    "village_report": ["UBND xã (qua bộ phận Văn hóa – Xã hội);", "Lưu: thôn."],
    "public_report": [f"UBND {SUPERIOR} (để báo cáo);", "Niêm yết tại trụ sở UBND xã;", "Lưu: VT."],
    "case_file": ["Hồ sơ vụ việc;", "Lưu: VT (mật)."],
    "held_data": ["Người đại diện theo pháp luật của trẻ em;", "Lưu: VT, VHXH."],
    "allowance_list": ["Kế toán xã;", "Lưu: VT, VHXH."],
}
DEFAULT_SIGNER = {"sign_authority": "KT. CHỦ TỊCH", "sign_title": "PHÓ CHỦ TỊCH", "signer_name": ""}


def keep_together(text: str) -> str:
    """Words joined by no-break spaces, so a place name is never split across lines."""
    return NBSP.join(str(text).split())


def area_title(area: Area | None) -> str:
    """ "xã Y Tịch", "huyện Chi Lăng", "tỉnh Lạng Sơn", "Thôn 1" (a village's name already says it)."""
    if area is None:
        return ""
    word = KIND_WORD.get(area.kind, "")
    return f"{word} {area.name}" if word and not area.name.lower().startswith(word) else area.name


def commune_of(area: Area) -> Area | None:
    return area if area.kind == Area.Kind.COMMUNE else area.ancestor_of_kind(Area.Kind.COMMUNE)


def settings_for(commune: Area | None, year: int) -> DocumentSettings | None:
    """The commune's document settings for ``year``: that year's, or the latest earlier year's."""
    if commune is None:
        return None
    return DocumentSettings.objects.filter(commune=commune, year__lte=year).order_by("-year").first()


def recipients_for(commune: Area | None, kind: str, *, on: date, superior: Area | None = None) -> list[str]:
    """The "Nơi nhận" lines of a document of ``kind`` issued on ``on``."""
    found = settings_for(commune, on.year)
    lines = (found.recipients.get(kind) if found else None) or DEFAULT_RECIPIENTS.get(kind, [])
    above = area_title(superior)
    return [line.replace(SUPERIOR, above) if above else line for line in lines]


def number_label(number: str, suffix: str) -> str:
    """ "Số: 45/BC-UBND" from "45" or from "45/BC-UBND"; a blank to write in when there is no number."""
    number = (number or "").strip()
    if "/" in number:
        return f"Số: {number}"
    return f"Số: {number or NBSP * 6}/{suffix}"


def letterhead(
    *,
    issuer: Area,
    on: date,
    kind: str,
    number: str = "",
    suffix: str = "BC-UBND",
    signer_name: str | None = None,
    sign_authority: str | None = None,
    sign_title: str | None = None,
) -> dict:
    """The template context of an official document issued by ``issuer`` on ``on``.

    ``issuer`` is a commune (the People's Committee issues) or a village (the village issues,
    under the commune). Signing defaults come from the commune's settings of the year.
    """
    superior = issuer.superior_on(on)
    commune = commune_of(issuer)
    found = settings_for(commune, on.year)
    signer = {key: getattr(found, key) for key in DEFAULT_SIGNER} if found else dict(DEFAULT_SIGNER)
    if issuer.kind == Area.Kind.VILLAGE:
        parent_line = f"UBND {keep_together(area_title(commune))}"
        issuer_lines = [keep_together(issuer.name)]
        issuer_short = issuer.name
        signer.update(sign_authority="", sign_title="TRƯỞNG THÔN", signer_name="")
    else:
        parent_line = f"UBND {keep_together(area_title(superior))}" if superior else ""
        issuer_lines = ["Ủy ban nhân dân", keep_together(area_title(issuer))]
        issuer_short = f"UBND {area_title(issuer)}"
    for key, value in (("signer_name", signer_name), ("sign_authority", sign_authority), ("sign_title", sign_title)):
        if value is not None:
            signer[key] = value
    place = (commune or issuer).name
    return {
        "issuer_parent": parent_line,
        "issuer": "\n".join(issuer_lines),
        "issuer_short": issuer_short,
        "number_label": number_label(number, suffix),
        "place": keep_together(place),
        "doc_date": on,
        "date_line": f"{keep_together(place)}, {official_date(on)}",
        "superior": superior,
        "receiver": area_title(superior),
        "recipients": recipients_for(commune, kind, on=on, superior=superior),
        **signer,
    }
