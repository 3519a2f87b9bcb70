"""Formatting helpers shared by every app (no app imports here)."""


def format_vnd(value) -> str:
    """Whole đồng with dots between thousands: 1250000 → "1.250.000 đ"; None → ""."""
    if value is None or value == "":
        return ""
    amount = int(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,}".replace(",", ".") + " đ"


def format_count(value) -> str:
    """A count with dots between thousands: 1207 → "1.207"; None → "—"; anything else (a figure withheld
    as "< 3") as it prints."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool) or not isinstance(value, int):
        return str(value)
    return f"{value:,}".replace(",", ".")
