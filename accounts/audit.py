"""Shared audit helpers: change history for display, and the access log (views, prints, exports).

Models opt in to change history with ``history = HistoricalRecords()`` (django-simple-history;
``HistoryRequestMiddleware`` records the signed-in user). Pages show it with
``{% include "_history.html" with rows=history %}`` where ``history = history_rows(obj)``.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.utils import timezone

from core.clientip import client_ip

from . import scope
from .models import AccessLog, Area


@dataclass
class HistoryRow:
    when: datetime
    who: str
    action: str  # "+" created, "~" changed, "-" deleted
    object_label: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (field label, old, new)


def _display(record, field_name: str) -> str:
    f = record.instance._meta.get_field(field_name)
    value = getattr(record, f.attname, None)
    if value in (None, ""):
        return "—"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.ForeignKey):
        related = f.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    if isinstance(f, models.DateTimeField):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(f, models.DateField):
        return value.strftime("%d/%m/%Y")
    if isinstance(f, models.BooleanField):
        return "✓" if value else "✗"
    return str(value)


def history_rows(*records_querysets, limit: int = 100, hidden: frozenset[str] = frozenset()) -> list[HistoryRow]:
    """Who changed what and when, newest first, from one or more ``obj.history`` querysets.

    Each row lists the fields that changed, with their verbose names and old → new values.
    """
    rows = []
    for history in records_querysets:
        records = list(history.select_related("history_user").order_by("history_date", "history_id"))
        previous = None
        for record in records:
            row = HistoryRow(
                when=record.history_date,
                who=str(record.history_user) if record.history_user else "—",
                action=record.history_type,
                object_label=str(record.instance._meta.verbose_name).capitalize(),
            )
            if previous is not None and record.history_type == "~":
                delta = record.diff_against(previous)
                for change in delta.changes:
                    if change.field in hidden:
                        continue
                    label = str(record.instance._meta.get_field(change.field).verbose_name).capitalize()
                    row.changes.append((label, _display(previous, change.field), _display(record, change.field)))
                if not row.changes:
                    previous = record
                    continue
            rows.append(row)
            previous = record
    rows.sort(key=lambda r: r.when, reverse=True)
    return rows[:limit]


def acting_as(obj, user):
    """Name ``user`` as the author of the next history record of ``obj`` (services that act for a user).

    The request's user is recorded by middleware; services set it explicitly so that commands,
    tests and other apps' calls are attributed too. ``None`` leaves the middleware's choice.
    """
    if user is not None:
        obj._history_user = user
    return obj


def log_area(user, perm: str, *, within: Area | None = None) -> Area | None:
    """The area an export or list is logged under: ``within`` (the filter's village or commune) when
    given, else the smallest area holding every area where ``user`` holds ``perm`` (their commune,
    their district). ``None`` for a superuser without memberships (logged, seen by superusers)."""
    if within is not None:
        return within
    roots = scope.membership_areas(user, perm)
    if not roots:
        return None
    common = roots[0]
    for other in roots[1:]:
        while not other.path.startswith(common.path) and common.parent_id:
            common = common.parent
    return common


def _storable(value):
    """The filter as the log can store it: NUL characters (which PostgreSQL's JSON refuses, and
    which no one types) removed from keys and texts, long texts cut to 200 characters."""
    if isinstance(value, dict):
        return {_storable(str(k)): _storable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(v) for v in value]
    if isinstance(value, str):
        return value.replace("\x00", "")[:200]
    return value


def log_access(
    request,
    *,
    what: str,
    action: str = AccessLog.Action.EXPORT,
    area: Area | None = None,
    subject=None,
    filters: dict | None = None,
    row_count: int = 0,
    confidential: bool = False,
    user=None,
) -> AccessLog:
    """Record that personal data was viewed, printed or exported: who, when, what, which record
    (``subject``, a model instance) or which filter, how many rows, from which address.

    ``request`` gives the user and the client address (``core.clientip``: proxy-aware like the sign-in
    throttle); outside a request (the demo, a command) pass ``request=None`` and ``user``. ``area`` is
    where the data lives (the child's village, the case's commune, the export's area): the log is
    scoped by it. ``confidential`` rows (a case file, a filter on a confidential group) are shown only
    to those who see confidential facts there. Not part of any transaction's outcome: call it before
    the response is built, so a failed log means no data leaves.
    """
    if action not in AccessLog.Action.values:
        raise ValueError(f"Unknown access-log action {action!r}")
    return AccessLog.objects.create(
        user=request.user if request is not None else user,
        action=action,
        what=what,
        area=area,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=subject.pk if subject is not None else None,
        filters=_storable(filters or {}),
        row_count=row_count,
        ip_address=client_ip(request) if request is not None else None,
        confidential=confidential,
    )
