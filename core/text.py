"""Plain-text helpers for any app (Vietnamese name keys live with the registry in ``children/text.py``)."""

import unicodedata

from django.utils.text import slugify


def ascii_slug(value: str) -> str:
    """Accent-free lower-case slug: "Báo cáo 6 tháng – Thôn 1" → "bao-cao-6-thang-thon-1"."""
    decomposed = unicodedata.normalize("NFD", str(value).replace("đ", "d").replace("Đ", "D"))
    return slugify("".join(ch for ch in decomposed if not unicodedata.combining(ch)))
