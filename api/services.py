"""Writes of the indicator exchange: personal API tokens and the values pulled from other deployments.

A token is ``bvte_<prefix>_<secret>``: 8 random hex characters that find the row, and 32 random
bytes (URL-safe base64) that prove it. Only ``sha256(token)`` is stored, so a copy of the database
gives no one a working token; the full token is returned once, by ``token_create``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import acting_as
from accounts.models import Area
from reporting.models import Indicator

from .models import ApiToken, PulledValue

TOKEN_PREFIX = "bvte"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_create(*, user, name: str, days: int, now: dt.datetime | None = None) -> tuple[ApiToken, str]:
    """A new personal token of ``user`` valid ``days`` days; returns the row and the token (shown once)."""
    now = now or timezone.now()
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Say what the token is for (e.g. “the province's DHIS2”).")})
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError(
            {"days": _("A token is valid from 1 to %(max)s days.") % {"max": settings.API_TOKEN_MAX_DAYS}}
        )
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():  # 1 in 4 billion; cheap to rule out
        prefix = secrets.token_hex(4)
    token = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    row = ApiToken(user=user, name=name, prefix=prefix, digest=_digest(token), expires_at=now + dt.timedelta(days=days))
    row.full_clean()
    acting_as(row, user).save()
    return row, token


@transaction.atomic
def token_revoke(*, token: ApiToken, user, now: dt.datetime | None = None) -> ApiToken:
    """Revoke a token at once (it stays listed, marked revoked)."""
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        acting_as(token, user).save(update_fields=["revoked_at"])
    return token


def token_authenticate(raw: str, *, now: dt.datetime | None = None) -> ApiToken | None:
    """The active token matching ``raw`` (with its user), or None. Notes when it was last used."""
    parts = (raw or "").split("_", 2)  # the secret itself may contain "_"
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.digest, _digest(raw)):
        return None
    now = now or timezone.now()
    if not token.is_active(now) or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # no history row for each use
    return token


# --- pulled values --------------------------------------------------------------------------------


UPDATED_FIELDS = [
    "area_name",
    "area_kind",
    "area",
    "period_title",
    "value",
    "withheld",
    "status",
    "approved_at",
    "accepted_at",
    "pulled_at",
]


@transaction.atomic
def pulled_values_store(*, source: str, rows: list[dict], under: Area | None = None, now=None) -> dict:
    """Store figures read from another deployment, all or none. Each row: ``area_code``, ``area_name``,
    ``area_kind``, ``period`` (DHIS2 notation), ``period_title``, ``indicator`` (code), ``key``,
    ``value``, ``withheld``, ``status``, ``approved_at``, ``accepted_at``.

    A row is anchored to the area of this deployment with the same code, or else to ``under``; a row
    whose area is neither, or whose indicator is unknown here, is refused with its number named.
    Returns counts ``{"created": n, "updated": n}``.
    """
    now = now or timezone.now()
    source = source.strip()[:100]
    if not source:
        raise ValidationError(_("Name the source deployment."))
    indicators = {i.code: i for i in Indicator.objects.all()}
    codes = {r["area_code"] for r in rows}
    areas = {a.code: a for a in Area.objects.filter(code__in=codes)}
    errors = []
    for n, row in enumerate(rows, 1):
        if row["indicator"] not in indicators:
            errors.append(_("Row %(n)s: unknown indicator “%(code)s”.") % {"n": n, "code": row["indicator"]})
        value = row.get("value")
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            errors.append(_("Row %(n)s: the value “%(value)s” is not a whole number.") % {"n": n, "value": value})
        if row["area_code"] not in areas and under is None:
            errors.append(
                _("Row %(n)s: the area “%(code)s” is not in this deployment's tree; name the area it belongs under.")
                % {"n": n, "code": row["area_code"]}
            )
    if errors:
        raise ValidationError(errors[:20])
    existing = {(p.area_code, p.period, p.indicator_id, p.key): p for p in PulledValue.objects.filter(source=source)}
    created, updated = [], []
    for row in rows:
        indicator = indicators[row["indicator"]]
        fields = {
            "area_name": (row.get("area_name") or "")[:120],
            "area_kind": row.get("area_kind") if row.get("area_kind") in Area.Kind.values else "",
            "area": areas.get(row["area_code"], under),
            "period_title": (row.get("period_title") or "")[:200],
            "value": None if row.get("withheld") else row.get("value"),
            "withheld": bool(row.get("withheld")),
            "status": (row.get("status") or "")[:20],
            "approved_at": row.get("approved_at"),
            "accepted_at": row.get("accepted_at"),
            "pulled_at": now,
        }
        current = existing.get((row["area_code"], row["period"], indicator.pk, row.get("key") or ""))
        if current is None:
            created.append(
                PulledValue(
                    source=source,
                    area_code=row["area_code"],
                    period=row["period"],
                    indicator=indicator,
                    key=row.get("key") or "",
                    **fields,
                )
            )
        else:
            for name, value in fields.items():
                setattr(current, name, value)
            updated.append(current)
    PulledValue.objects.bulk_create(created, batch_size=1000)
    if updated:
        PulledValue.objects.bulk_update(updated, UPDATED_FIELDS, batch_size=1000)
    return {"created": len(created), "updated": len(updated)}
