"""Formatting helpers shared by every app (no app imports here)."""


def format_vnd(value) -> str:
    """Whole đồng with dots between thousands: 1250000 → "1.250.000 đ"; None → ""."""
    if value is None or value == "":
        return ""
    amount = int(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,}".replace(",", ".") + " đ"


def official_date(day) -> str:
    """The date of an official document as Decree 30/2020/NĐ-CP (Appendix I, II.5.b) writes it:
    a day below 10 and the months January and February take a leading zero, so "ngày 02 tháng 12
    năm 2026", "ngày 05 tháng 01 năm 2027", "ngày 10 tháng 5 năm 2022"."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def format_count(value) -> str:
    """A count with dots between thousands: 1207 → "1.207"; None → "—"; anything else (a figure withheld
    as "< 3") as it prints."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool) or not isinstance(value, int):
        return str(value)
    return f"{value:,}".replace(",", ".")
