"""Pages for the registry's Excel import and export and the officers' lists.

Import: registry.edit holders (a village head for their village, the culture-social officer for the
commune). Export: registry.export holders, of exactly what their list shows. Lists: registry.view.
Every export is logged (accounts.audit.log_access).
"""

import json
import os
import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import scope
from accounts.audit import log_access, log_area
from accounts.models import Area
from core.downloads import download, file_download
from core.fields import DateField
from core.forms import FilterForm, Form

from ..filters import filter_children, filter_is_confidential
from .exports import export_to_tempfile
from .imports import (
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    ImportRefused,
    ImportStale,
    build_template,
    children_import,
    plan_import,
    plan_signature,
)
from .lists import OFFICER_LISTS

PREVIEW_ROWS = 500  # rows listed on the preview page (every problem is always listed)
STASH_SECONDS = 2 * 3600
SESSION_KEY = "children_import_uploads"


def _require_somewhere(user, perm: str) -> None:
    """403 unless the user holds ``perm`` in at least one area (what they may touch is scoped later)."""
    if not scope.has_perm(user, perm):
        raise PermissionDenied(_("You do not have the right to do this."))


def _stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d-%H%M")


def _stash_dir() -> Path:
    # Private: outside MEDIA_ROOT, which a web server may serve.
    path = Path(getattr(settings, "CHILD_IMPORT_DIR", settings.BASE_DIR / "var" / "imports"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _stash(request, data: bytes) -> str:
    """Keep an uploaded file between the preview and "apply"; only this session may use it."""
    folder = _stash_dir()
    now = time.time()
    for old in folder.glob("*.xlsx"):
        if now - old.stat().st_mtime > STASH_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    (folder / f"{token}.xlsx").write_bytes(data)
    uploads = {t: at for t, at in request.session.get(SESSION_KEY, {}).items() if now - at < STASH_SECONDS}
    uploads[token] = now
    request.session[SESSION_KEY] = uploads
    return token


def _unstash(request, token: str, *, remove: bool = False) -> bytes | None:
    uploads = request.session.get(SESSION_KEY, {})
    if not token or token not in uploads or time.time() - uploads[token] > STASH_SECONDS:
        return None
    path = _stash_dir() / f"{token}.xlsx"
    if not path.exists():
        return None
    data = path.read_bytes()
    if remove:
        path.unlink(missing_ok=True)
        uploads.pop(token, None)
        request.session[SESSION_KEY] = uploads
    return data


def _promise(token: str, plan=None) -> list | None:
    """The preview's plan (``plan_signature``) kept beside the stashed file: written when ``plan`` is
    given, else read (None when missing). The confirm applies exactly this plan or nothing."""
    path = _stash_dir() / f"{token}.plan.json"
    if plan is None:
        try:
            return json.loads(path.read_text())
        except (OSError, ValueError):
            return None
    now = time.time()
    for old in _stash_dir().glob("*.plan.json"):
        if now - old.stat().st_mtime > STASH_SECONDS:
            old.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(plan_signature(plan), handle)
    return None


class ImportUploadForm(Form):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        help_text=gettext_lazy("At most 5 MB and 20,000 rows, filled in from the template."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
                % {"size": f"{upload.size / 1048576:.1f}".replace(".", ","), "limit": MAX_BYTES // 1048576}
            )
        return upload


def _import_villages(user):
    return scope.areas_for(user, "registry.edit").filter(kind=Area.Kind.VILLAGE).select_related("parent")


@require_http_methods(["GET", "POST"])
def import_upload(request):
    _require_somewhere(request.user, "registry.edit")
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        plan = plan_import(user=request.user, data=data, on=timezone.localdate())
        token = _stash(request, data) if plan.ok and (plan.count("create") or plan.count("update")) else None
        if token:
            _promise(token, plan)
        return _preview(request, plan, token, filename=form.cleaned_data["file"].name)
    context = {
        "form": form,
        "villages": _import_villages(request.user).order_by("path"),
        "columns": COLUMNS,
        "max_rows": MAX_ROWS,
    }
    return render(request, "children/io/import_upload.html", context)


def _preview(request, plan, token, *, filename: str = ""):
    context = {
        "plan": plan,
        "token": token,
        "filename": filename,
        "created": plan.count("create"),
        "updated": plan.count("update"),
        "unchanged": plan.count("unchanged"),
        "shown_rows": plan.rows[:PREVIEW_ROWS],
        "hidden_rows": max(0, len(plan.rows) - PREVIEW_ROWS),
        "file_issues": [i for i in plan.issues if i.row is None],
        "row_issues": [i for i in plan.issues if i.row is not None],
    }
    return render(request, "children/io/import_preview.html", context)


@require_POST
def import_apply(request):
    _require_somewhere(request.user, "registry.edit")
    token = request.POST.get("token", "")
    data = _unstash(request, token)
    if data is None:
        messages.error(request, _("The uploaded file has expired or was already imported; upload it again."))
        return redirect("children:import")
    expected = _promise(token)
    if expected is None:
        messages.error(request, _("The uploaded file has expired or was already imported; upload it again."))
        return redirect("children:import")
    try:
        result = children_import(user=request.user, data=data, on=timezone.localdate(), expected=expected)
    except ImportRefused as refused:
        # A row became invalid since the preview (another user registered the same child…): nothing saved.
        return _preview(request, refused.plan, None)
    except ImportStale as stale:
        # The registry changed since the preview: nothing saved; show the plan as it is now, to confirm again.
        messages.error(
            request,
            _(
                "Nothing was saved: the registry changed since your preview (rows %(rows)s). "
                "Check the new preview below and confirm again."
            )
            % {"rows": ", ".join(map(str, stale.rows[:20])) + ("…" if len(stale.rows) > 20 else "")},
        )
        if stale.plan.ok:
            _promise(token, stale.plan)
            return _preview(request, stale.plan, token)
        return _preview(request, stale.plan, None)
    _unstash(request, token, remove=True)
    (_stash_dir() / f"{token}.plan.json").unlink(missing_ok=True)
    messages.success(
        request,
        _("Import complete: %(created)s children added, %(updated)s updated, %(unchanged)s unchanged.")
        % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
    )
    if result.created:
        # The registry filtered to exactly the children this import added (and that the user may see).
        return redirect(f"{reverse('children:list')}?imported={result.batch.pk}&sort=-created")
    return redirect("children:import")


@require_GET
def import_template(request):
    _require_somewhere(request.user, "registry.edit")
    return download(build_template(user=request.user), "mau-nhap-danh-sach-tre-em.xlsx")


def _logged_filters(params) -> dict:
    return {key: value for key, value in params.items() if value and key != "page"}


@require_GET
def export(request):
    """The registry list exactly as filtered on screen, limited to where the user may export."""
    _require_somewhere(request.user, "registry.export")
    on = timezone.localdate()
    form, qs = filter_children(request.user, request.GET, on=on)
    qs = scope.scoped(qs, request.user, "registry.export", "village")
    handle, count = export_to_tempfile(qs, on=on, user=request.user)
    log_access(
        request,
        what="children.registry",
        area=log_area(request.user, "registry.export", within=form.value("village") or form.value("commune")),
        filters=_logged_filters(request.GET),
        row_count=count,
        confidential=filter_is_confidential(form),
    )
    return file_download(handle, f"danh-sach-tre-em-{_stamp()}.xlsx")


# --- officers' lists -----------------------------------------------------------------------------


class ListDayForm(FilterForm):
    on = DateField(label=gettext_lazy("As of"), required=False, help_text=gettext_lazy("dd/mm/yyyy"))


def _list_day(request):
    form = ListDayForm(request.GET or None)
    on = timezone.localdate()
    if form.is_valid() and form.cleaned_data.get("on"):
        on = form.cleaned_data["on"]
    return form, on


def _officer_list(slug: str):
    try:
        return OFFICER_LISTS[slug]
    except KeyError:
        raise Http404 from None


@require_GET
def officer_lists(request):
    _require_somewhere(request.user, "registry.view")
    form, on = _list_day(request)
    lists = [(item, item.queryset(request.user, on=on).count()) for item in OFFICER_LISTS.values()]
    return render(request, "children/io/lists.html", {"lists": lists, "form": form, "on": on})


@require_GET
def officer_list(request, slug: str):
    _require_somewhere(request.user, "registry.view")
    officer = _officer_list(slug)
    form, on = _list_day(request)
    qs = officer.queryset(request.user, on=on)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    context = {
        "officer": officer,
        "form": form,
        "on": on,
        "page": page,
        "can_export": scope.has_perm(request.user, "registry.export"),
        "export_url": reverse(f"children:list_{slug}_export"),
        "query": request.GET.urlencode() if request.GET.get("on") else "",
    }
    return render(request, "children/io/officer_list.html", context)


@require_GET
def officer_list_export(request, slug: str):
    _require_somewhere(request.user, "registry.export")
    officer = _officer_list(slug)
    _form, on = _list_day(request)
    qs = officer.queryset(request.user, on=on, perm="registry.export")
    title = str(officer.title).upper() + f" (ngày {on:%d/%m/%Y})"
    handle, count = export_to_tempfile(qs, on=on, user=request.user, title=title)
    log_access(
        request,
        what=f"children.list.{slug}",
        area=log_area(request.user, "registry.export"),
        filters={"on": on.isoformat()},
        row_count=count,
    )
    return file_download(handle, f"{slug}-{_stamp()}.xlsx")
