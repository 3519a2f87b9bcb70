"""How people type dates and money, read the same way in every form and in every import.

Dates: ``15/03/2024``, ``5/3/2024``, ``15-03-2024``, ``15.03.2024`` (day first, the same separator
twice) or ISO ``2024-03-15``; the year has four digits and lies between 1900 and 2100.

Money: whole đồng. ``500.000``, ``500000``, ``500 000``, ``500.000 đ``, ``500.000đ`` and
``500.000 VNĐ`` are all 500000; groups of three digits may be separated by dots, spaces or commas
(the same one throughout). Decimals, negative amounts, words and amounts above
1.000.000.000.000 đ are refused.

Years (of a report, a fund's book, a plan): four digits from 2000 to five years after this one.
Ids (a record chosen in a list or named in the address): whole numbers from 1, ASCII digits only.

Every refusal is a ``ValidationError`` whose message names the field, so the same words serve a
form (shown under the field) and an import (shown in the row's problem list). Forms use
``DateField``, ``DateTimeField``, ``MoneyField``, ``CountField``, ``YearField`` and ``IdField``;
imports call ``parse_date`` and ``parse_vnd`` directly; a view reads one value from the address
with ``core.forms.query_value`` (or ``year_param``), which falls back to a default.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import from_current_timezone
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_VND = 10**12  # one thousand billion đồng: more than any commune fund will ever hold
MAX_COUNT = 10**9
MAX_TYPED = 40  # characters: anything longer is not a date or an amount
FIRST_YEAR = 2000  # no report, book or plan of the portal is older
YEARS_AHEAD = 5  # plans and calendars are made at most this many years ahead
MAX_ID = 2**63 - 1  # the largest primary key the databases store

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"\s+")
_DMY = re.compile(r"^(\d{1,2}) ?([/.\-]) ?(\d{1,2}) ?\2 ?(\d+)$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?$")
_TIME = re.compile(r"^(\d{1,2}) ?[:hg] ?(\d{2})(?::(\d{2}))?$", re.IGNORECASE)
_CURRENCY = re.compile(r"\s*(đồng|đ|vnđ|vnd|dong|d)\.?$", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}(?P<sep>[., ])\d{3}(?:(?P=sep)\d{3})*$")
_DECIMAL = re.compile(r"^\d+(?:[., ]\d{3})*[.,]\d{1,2}$|^\d+[.,]\d{4,}$")

_ASCII_DIGITS = re.compile(r"^[0-9]+$")

DATE_LABEL = gettext_lazy("Date")
YEAR_LABEL = gettext_lazy("Year")
AMOUNT_LABEL = gettext_lazy("Amount")
NUMBER_LABEL = gettext_lazy("Number")


def _typed(value) -> str:
    """The text as typed: NFKC (full-width digits become digits), invisible characters removed,
    no-break spaces as spaces, inner white space collapsed."""
    text = unicodedata.normalize("NFKC", str(value)).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def _error(message: str, label, code: str, **params) -> ValidationError:
    return ValidationError(message % {"field": capfirst(str(label)), **params}, code=code)


def parse_date(value, *, label=None, min_year: int = MIN_YEAR, max_year: int = MAX_YEAR) -> dt.date | None:
    """A typed date (or a ``date``/``datetime`` from a spreadsheet) as a ``date``; None when empty.

    ``label`` names the field in the message of the ``ValidationError`` raised for anything else.
    """
    label = label or DATE_LABEL
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = _typed(value)
        if not text:
            return None
        day = _date_from_text(text, label)
    if not (min_year <= day.year <= max_year):
        raise _error(
            _("%(field)s: the year must be between %(min)s and %(max)s."), label, "year", min=min_year, max=max_year
        )
    return day


def _date_from_text(text: str, label) -> dt.date:
    if len(text) <= MAX_TYPED:
        if match := _DMY.match(text):
            day, month, year = int(match[1]), int(match[3]), match[4]
        elif match := _ISO.match(text):
            year, month, day = match[1], int(match[2]), int(match[3])
        else:
            match = None
        if match:
            if len(year) != 4:
                raise _error(_("%(field)s: write the year with four digits, e.g. 15/03/2024."), label, "year_digits")
            try:
                return dt.date(int(year), month, day)
            except ValueError:
                raise _error(
                    _("%(field)s: the day %(value)s does not exist in the calendar."),
                    label,
                    "no_such_day",
                    value=text,
                ) from None
    raise _error(
        _("%(field)s: “%(value)s” is not a date; type day/month/year, e.g. 15/03/2024."),
        label,
        "invalid",
        value=text[:MAX_TYPED],
    )


def parse_datetime(value, *, label=None) -> dt.datetime | None:
    """``15/03/2024 14:30`` (also ``14h30``, seconds, or ISO ``2024-03-15T14:30``) in the current time zone."""
    label = label or DATE_LABEL
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return from_current_timezone(dt.datetime.combine(value, dt.time()))
    text = _typed(value)
    if not text:
        return None
    date_text, _sep, time_text = text.replace("T", " ", 1).partition(" ")
    day = parse_date(date_text, label=label)
    clock = dt.time()
    if time_text:
        match = _TIME.match(time_text.strip())
        try:
            if not match:
                raise ValueError
            clock = dt.time(int(match[1]), int(match[2]), int(match[3] or 0))
        except ValueError:
            raise _error(
                _("%(field)s: “%(value)s” is not a time of day; type hours:minutes, e.g. 14:30."),
                label,
                "invalid_time",
                value=time_text[:MAX_TYPED],
            ) from None
    return from_current_timezone(dt.datetime.combine(day, clock))


def _whole_number(value, *, label, currency: bool, min_value: int, max_value: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise _error(_("%(field)s: enter the amount in digits, e.g. 1.250.000."), label, "invalid")
    if isinstance(value, int):
        text, number = str(value), value
    elif isinstance(value, float) and value.is_integer():
        text, number = str(int(value)), int(value)
    else:
        text, number = _typed(value), None
        if not text:
            return None
    if number is None:
        number = _number_from_text(text, label=label, currency=currency)
    if number < 0:
        if currency:
            raise _error(_("%(field)s: the amount cannot be negative."), label, "negative")
        raise _error(_("%(field)s: the number cannot be negative."), label, "negative")
    if number < min_value:
        if currency and min_value == 1:
            raise _error(_("%(field)s: the amount must be greater than 0 đồng."), label, "min_value")
        raise _error(_("%(field)s: enter at least %(min)s."), label, "min_value", min=_grouped(min_value))
    if number > max_value:
        if currency:
            raise _error(
                _("%(field)s: the amount may not exceed %(max)s đồng."), label, "max_value", max=_grouped(max_value)
            )
        raise _error(_("%(field)s: enter at most %(max)s."), label, "max_value", max=_grouped(max_value))
    return number


def _number_from_text(text: str, *, label, currency: bool) -> int:
    if currency:
        text = _CURRENCY.sub("", text).strip()
    negative = text.startswith(("-", "−"))
    digits = text.lstrip("-−+").strip()
    if len(digits) > MAX_TYPED:
        digits = "x"
    if _GROUPED.match(digits):
        digits = re.sub(r"[., ]", "", digits)
    elif _DECIMAL.match(digits):
        if currency:
            raise _error(_("%(field)s: whole đồng only, without decimals."), label, "decimal")
        raise _error(_("%(field)s: a whole number only, without decimals."), label, "decimal")
    if not _ASCII_DIGITS.match(digits):
        if currency:
            raise _error(_("%(field)s: enter the amount in digits, e.g. 1.250.000."), label, "invalid")
        raise _error(_("%(field)s: enter a whole number in digits, e.g. 1.250."), label, "invalid")
    number = int(digits)
    return -number if negative else number


def parse_vnd(value, *, label=None, min_value: int = 0, max_value: int = MAX_VND) -> int | None:
    """A typed amount of money as whole đồng (``"500.000 đ"`` → 500000); None when empty."""
    return _whole_number(value, label=label or AMOUNT_LABEL, currency=True, min_value=min_value, max_value=max_value)


def parse_count(value, *, label=None, min_value: int = 0, max_value: int = MAX_COUNT) -> int | None:
    """A typed count (``"1.200"`` → 1200): thousands may be grouped as in amounts; None when empty."""
    return _whole_number(value, label=label or NUMBER_LABEL, currency=False, min_value=min_value, max_value=max_value)


def last_year() -> int:
    """The latest year anything may be planned or reported for: this year and ``YEARS_AHEAD`` more."""
    return timezone.localdate().year + YEARS_AHEAD


def parse_year(value, *, label=None, min_year: int = FIRST_YEAR, max_year: int | None = None) -> int | None:
    """A year typed as four digits (``"2024"``) between ``min_year`` and ``max_year`` (default: five
    years after this one); None when empty."""
    label = label or YEAR_LABEL
    max_year = last_year() if max_year is None else max_year
    if value is None or isinstance(value, bool):
        return None
    text = str(value) if isinstance(value, int) else _typed(value)
    if not text:
        return None
    if not (len(text) <= 4 and _ASCII_DIGITS.match(text)):
        raise _error(
            _("%(field)s: “%(value)s” is not a year; type four digits, e.g. 2024."),
            label,
            "invalid",
            value=text[:MAX_TYPED],
        )
    year = int(text)
    if not (min_year <= year <= max_year):
        raise _error(
            _("%(field)s: the year must be between %(min)s and %(max)s."), label, "year", min=min_year, max=max_year
        )
    return year


def parse_id(value, *, label=None) -> int | None:
    """The id of a record (``"42"``): ASCII digits, from 1 to the largest key a database stores;
    None when empty. Whether such a record exists (and may be seen) is for the caller to decide."""
    label = label or NUMBER_LABEL
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    if not text:
        return None
    if not (len(text) <= 19 and _ASCII_DIGITS.match(text) and 1 <= int(text) <= MAX_ID):
        raise _error(_("%(field)s: “%(value)s” is not a valid choice."), label, "invalid", value=text[:MAX_TYPED])
    return int(text)


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", ".")


# --- form fields ---------------------------------------------------------------------------------


class DateInput(forms.DateInput):
    """A text box that shows dates as dd/mm/yyyy (a full keyboard: "/" must be typeable on phones)."""

    def __init__(self, attrs=None, format="%d/%m/%Y"):
        super().__init__(attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off", **(attrs or {})}, format=format)


class DateTimeInput(forms.DateTimeInput):
    def __init__(self, attrs=None, format="%d/%m/%Y %H:%M"):
        super().__init__(
            attrs={"placeholder": "dd/mm/yyyy hh:mm", "autocomplete": "off", **(attrs or {})}, format=format
        )


class DateField(forms.DateField):
    """A date typed in any of the accepted ways (see ``parse_date``)."""

    widget = DateInput

    def __init__(self, *, min_year: int = MIN_YEAR, max_year: int = MAX_YEAR, **kwargs):
        self.min_year, self.max_year = min_year, max_year
        kwargs.pop("input_formats", None)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return parse_date(value, label=self.label, min_year=self.min_year, max_year=self.max_year)


class DateTimeField(forms.DateTimeField):
    widget = DateTimeInput

    def __init__(self, **kwargs):
        kwargs.pop("input_formats", None)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return parse_datetime(value, label=self.label)


class _WholeNumberField(forms.Field):
    currency = False

    def __init__(self, *, min_value: int = 0, max_value: int | None = None, **kwargs):
        self.min_value = min_value
        self.max_value = max_value if max_value is not None else (MAX_VND if self.currency else MAX_COUNT)
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "autocomplete": "off", "maxlength": MAX_TYPED})
        if self.currency:
            attrs.setdefault("placeholder", "1.250.000")
        return attrs

    def to_python(self, value):
        if value in self.empty_values:
            return None
        parse = parse_vnd if self.currency else parse_count
        return parse(value, label=self.label, min_value=self.min_value, max_value=self.max_value)

    def prepare_value(self, value):
        """Stored whole numbers are shown grouped ("1.250.000"); typed text is shown as typed."""
        if isinstance(value, int) and not isinstance(value, bool):
            return _grouped(value) if value >= 0 else f"-{_grouped(-value)}"
        return value


class MoneyField(_WholeNumberField):
    """Whole đồng, typed with or without dots, spaces or "đ" (see ``parse_vnd``)."""

    currency = True


class CountField(_WholeNumberField):
    """A whole number of people or things, thousands may be grouped ("1.200")."""


class YearField(forms.Field):
    """A year (see ``parse_year``): 2000 to five years after this one unless told otherwise."""

    def __init__(self, *, min_year: int = FIRST_YEAR, max_year: int | None = None, **kwargs):
        self.min_year, self.max_year = min_year, max_year
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "numeric", "maxlength": 4, "autocomplete": "off"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return parse_year(value, label=self.label, min_year=self.min_year, max_year=self.max_year)


class IdField(forms.Field):
    """The id of a record (see ``parse_id``)."""

    widget = forms.HiddenInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return parse_id(value, label=self.label)
