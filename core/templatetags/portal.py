"""Template filters shared by every app (loaded as a builtin: no {% load %} needed)."""

from django import template

from core.formatting import format_count, format_vnd, official_date
from core.forms import FILTER_EMPTY

register = template.Library()


@register.filter
def vnd(value):
    """1250000 → "1.250.000 đ"."""
    return format_vnd(value)


@register.filter
def decree_date(value):
    """date(2026, 12, 2) → "ngày 02 tháng 12 năm 2026" (Decree 30/2020); "" for no date."""
    return official_date(value) if value else ""


@register.simple_tag
def filter_all():
    """What the empty choice of a hand-written filter drop-down reads ("Tất cả")."""
    return FILTER_EMPTY


@register.filter
def figure(value):
    """A count as shown: 1207 → "1.207", a withheld figure → "< 3", none → "—"."""
    return format_count(value)
