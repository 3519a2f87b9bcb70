"""Template filters shared by every app (loaded as a builtin: no {% load %} needed)."""

from django import template

from core.formatting import format_count, format_vnd

register = template.Library()


@register.filter
def vnd(value):
    """1250000 → "1.250.000 đ"."""
    return format_vnd(value)


@register.filter
def figure(value):
    """A count as shown: 1207 → "1.207", a withheld figure → "< 3", none → "—"."""
    return format_count(value)
