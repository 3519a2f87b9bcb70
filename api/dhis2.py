"""DHIS2's exchange format: period notation and data value sets (JSON and CSV), both ways.

Periods (DHIS2 "Date and period format"): ``yyyyMM`` a month (202206), ``yyyyQn`` a quarter (2022Q2,
April–June), ``yyyySn`` a six-month period (2022S1 January–June, 2022S2 July–December), ``yyyy`` a
year. A reporting period of ours is written as the *smallest of these that contains its dates*: the
six-month report (figures 1 January–30 April) is 2022S1, the annual report (figures 1 January–31
October) is 2022, the Action Month (June) is 202206, Children's Day (5 May–5 June) 2022Q2.

A data value set (DHIS2 Web API, "Data values"): JSON ``{"dataValues": [{dataElement, period,
orgUnit, categoryOptionCombo, attributeOptionCombo, value, storedBy, created, lastUpdated, comment,
followup}, …]}``; CSV with the header ``dataelement,period,orgunit,catoptcombo,attroptcombo,value,
storedby,lastupdated,comment,flwup`` (DHIS2 reads the columns by position and skips the header).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import asdict, dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

CSV_HEADER = [
    "dataelement",
    "period",
    "orgunit",
    "catoptcombo",
    "attroptcombo",
    "value",
    "storedby",
    "lastupdated",
    "comment",
    "flwup",
]
JSON_FIELDS = [
    "dataElement",
    "period",
    "orgUnit",
    "categoryOptionCombo",
    "attributeOptionCombo",
    "value",
    "storedBy",
    "created",
    "lastUpdated",
    "comment",
    "followup",
]

_PERIOD = re.compile(r"^(?P<year>\d{4})(?:(?P<month>0[1-9]|1[0-2])|Q(?P<quarter>[1-4])|S(?P<half>[12]))?$")


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)


def period_dates(iso: str) -> tuple[dt.date, dt.date]:
    """First and last day of a DHIS2 period (monthly, quarterly, six-monthly or yearly); ValueError otherwise."""
    match = _PERIOD.match(iso or "")
    if not match:
        raise ValueError(iso)
    year = int(match["year"])
    if match["month"]:
        first = last = int(match["month"])
    elif match["quarter"]:
        last = 3 * int(match["quarter"])
        first = last - 2
    elif match["half"]:
        last = 6 * int(match["half"])
        first = last - 5
    else:
        first, last = 1, 12
    return dt.date(year, first, 1), _month_end(year, last)


def period_iso(start: dt.date, end: dt.date) -> str | None:
    """The smallest DHIS2 period (month, quarter, six months, year) that contains ``start``…``end``;
    None when the dates cross a year (DHIS2 has no such calendar period)."""
    if start.year != end.year or end < start:
        return None
    year = start.year
    if start.month == end.month:
        return f"{year}{start.month:02d}"
    if (start.month - 1) // 3 == (end.month - 1) // 3:
        return f"{year}Q{(start.month - 1) // 3 + 1}"
    if (start.month - 1) // 6 == (end.month - 1) // 6:
        return f"{year}S{(start.month - 1) // 6 + 1}"
    return str(year)


def timestamp(moment: dt.datetime | None) -> str:
    """DHIS2's timestamp form (2015-04-05T19:58:12.000), in local time (Asia/Ho_Chi_Minh)."""
    if moment is None:
        return ""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}"


@dataclass
class DataValue:
    dataElement: str  # noqa: N815 — DHIS2's own field names
    period: str
    orgUnit: str  # noqa: N815
    categoryOptionCombo: str  # noqa: N815
    attributeOptionCombo: str  # noqa: N815
    value: str
    storedBy: str  # noqa: N815
    created: str
    lastUpdated: str  # noqa: N815
    comment: str
    followup: bool = False


def to_json(values: list[DataValue]) -> dict:
    return {"dataValues": [asdict(v) for v in values]}


def to_csv(values: list[DataValue]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for v in values:
        writer.writerow(
            [
                v.dataElement,
                v.period,
                v.orgUnit,
                v.categoryOptionCombo,
                v.attributeOptionCombo,
                v.value,
                v.storedBy,
                v.lastUpdated,
                v.comment,
                "true" if v.followup else "false",
            ]
        )
    return out.getvalue()


class DataValueSetError(ValueError):
    """A data value set file that cannot be read; the message names the row or field."""


def parse(content: bytes, *, name: str = "") -> list[dict]:
    """The data values of a DHIS2 data value set file (JSON or CSV, told apart by the content):
    dicts with ``dataElement``, ``period``, ``orgUnit``, ``categoryOptionCombo``, ``value``."""
    text = content.decode("utf-8-sig")
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataValueSetError(_("%(file)s is not valid JSON: %(error)s") % {"file": name, "error": exc}) from exc
        rows = data.get("dataValues") if isinstance(data, dict) else None
        if not isinstance(rows, list):
            raise DataValueSetError(_("%(file)s has no list “dataValues”.") % {"file": name})
        top = {k: data[k] for k in ("period", "orgUnit", "attributeOptionCombo") if isinstance(data.get(k), str)}
        out = []
        for n, row in enumerate(rows, 1):
            if not isinstance(row, dict):
                raise DataValueSetError(_("Data value %(n)s is not an object.") % {"n": n})
            out.append(_checked({**top, **row}, n))
        return out
    out = []
    reader = csv.reader(io.StringIO(text))
    for n, row in enumerate(reader, 1):
        if n == 1 or not any(cell.strip() for cell in row):
            continue  # DHIS2 skips the header row
        if len(row) < 6:
            raise DataValueSetError(
                _("Row %(n)s has %(cols)s columns; at least 6 are needed.") % {"n": n, "cols": len(row)}
            )
        out.append(
            _checked(
                {
                    "dataElement": row[0],
                    "period": row[1],
                    "orgUnit": row[2],
                    "categoryOptionCombo": row[3],
                    "attributeOptionCombo": row[4],
                    "value": row[5],
                },
                n,
            )
        )
    return out


def _checked(row: dict, n: int) -> dict:
    for field in ("dataElement", "period", "orgUnit"):
        if not str(row.get(field) or "").strip():
            raise DataValueSetError(_("Row %(n)s: “%(field)s” is empty.") % {"n": n, "field": field})
    try:
        period_dates(str(row["period"]))
    except ValueError:
        raise DataValueSetError(
            _("Row %(n)s: the period “%(period)s” is not a DHIS2 month, quarter, six-month period or year.")
            % {"n": n, "period": row["period"]}
        ) from None
    value = str(row.get("value", "")).strip()
    if value and not (value.isascii() and value.isdigit() and len(value) <= 15):
        raise DataValueSetError(_("Row %(n)s: the value “%(value)s” is not a whole number.") % {"n": n, "value": value})
    return {**row, "value": int(value) if value else None, "row": n}
