"""Template filters shared by every app (loaded as a builtin: no {% load %} needed)."""

from django import template

from core.formatting import format_vnd

register = template.Library()


@register.filter
def vnd(value):
    """1250000 → "1.250.000 đ"."""
    return format_vnd(value)
