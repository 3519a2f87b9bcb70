"""Read another deployment's figures: its API (``/api/v1/values/``, page by page) or a DHIS2 data
value set file (JSON or CSV, mapped back to indicators and areas through this deployment's mapping).

Both give rows for ``services.pulled_values_store``. The standard library's ``urllib`` is enough for
a handful of GET requests; no HTTP client package is needed.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

from django.conf import settings
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from . import dhis2
from .models import DataElementMapping, OrgUnitMapping

TIMEOUT = 60  # seconds per request
MAX_PAGES = 10_000  # a guard against a server that never ends its pages


class PullError(Exception):
    """Something that stops a pull; the message says what, in Vietnamese."""


def values_url(base: str, params: dict) -> str:
    """The values endpoint of the deployment at ``base`` (its root URL, or the endpoint itself)."""
    base = base.rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise PullError(_("The address must start with http:// or https://: %(url)s") % {"url": base})
    if not base.endswith("/api/v1/values"):
        base += "/api/v1/values"
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v}, doseq=True)
    return f"{base}/" + (f"?{query}" if query else "")


def _get(url: str, token: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"})  # noqa: S310 — scheme checked in values_url
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            raise PullError(
                _("The other deployment refused the token (HTTP %(code)s): check that it is valid and not revoked.")
                % {"code": exc.code}
            ) from exc
        if exc.code == 429:
            raise PullError(_("The other deployment's rate limit was reached; try again later.")) from exc
        body = exc.read().decode("utf-8", "replace")[:300]
        raise PullError(
            _("The other deployment answered HTTP %(code)s: %(body)s") % {"code": exc.code, "body": body}
        ) from exc
    except urllib.error.URLError as exc:
        raise PullError(_("Cannot reach %(url)s: %(reason)s") % {"url": url, "reason": exc.reason}) from exc
    except json.JSONDecodeError as exc:
        raise PullError(_("The answer from %(url)s is not JSON.") % {"url": url}) from exc


def rows_from_api(base: str, token: str, params: dict) -> Iterator[dict]:
    """Every value the token's user may read at ``base`` (following the ``next`` page links)."""
    url = values_url(base, {**params, "page_size": 1000})
    for _page in range(MAX_PAGES):
        data = _get(url, token)
        for item in data.get("results", []):
            yield {
                "area_code": item["area"],
                "area_name": item.get("area_name", ""),
                "area_kind": item.get("area_kind", ""),
                "period": item.get("dhis2_period") or str(item.get("period")),
                "period_title": item.get("period_title", ""),
                "indicator": item["indicator"],
                "key": item.get("key") or "",
                "value": item.get("value"),
                "withheld": bool(item.get("withheld")),
                "status": item.get("status", ""),
                "approved_at": parse_datetime(item["approved_at"]) if item.get("approved_at") else None,
                "accepted_at": parse_datetime(item["accepted_at"]) if item.get("accepted_at") else None,
            }
        url = data.get("next")
        if not url:
            return
    raise PullError(_("More than %(n)s pages: stopped.") % {"n": MAX_PAGES})


def rows_from_data_value_set(content: bytes, *, name: str = "") -> tuple[list[dict], int]:
    """The values of a DHIS2 data value set file, mapped back through the DHIS2 mapping of this
    deployment. Returns the rows and the number of values whose data element or org unit is unknown."""
    try:
        values = dhis2.parse(content, name=name)
    except dhis2.DataValueSetError as exc:
        raise PullError(str(exc)) from exc
    default = settings.DHIS2_DEFAULT_CATEGORY_OPTION_COMBO
    cells = {
        (m.data_element, m.category_option_combo or default): m
        for m in DataElementMapping.objects.select_related("indicator")
    }
    units = {m.org_unit: m.area for m in OrgUnitMapping.objects.select_related("area")}
    rows, unknown = [], 0
    for v in values:
        cell = cells.get((v["dataElement"], v.get("categoryOptionCombo") or default))
        area = units.get(v["orgUnit"])
        if cell is None or area is None:
            unknown += 1
            continue
        rows.append(
            {
                "area_code": area.code,
                "area_name": area.name,
                "area_kind": area.kind,
                "period": v["period"],
                "period_title": "",
                "indicator": cell.indicator.code,
                "key": cell.key,
                "value": v["value"],
                "withheld": False,
                "status": "",
                "approved_at": None,
                "accepted_at": None,
            }
        )
    return rows, unknown
