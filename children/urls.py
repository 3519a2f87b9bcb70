"""Pages of the registry under /children/ (namespace "children"): the list, a child's profile and
records, the dashboard; import, export and the officers' lists (``children/io/``); protection cases
(``children/cases/``, namespace "children:cases")."""

from django.urls import include, path

from . import reported_views, views
from .io import views as io_views
from .io.lists import OFFICER_LISTS

app_name = "children"
urlpatterns = [
    path("", views.child_list, name="list"),
    path("new/", views.child_register, name="register"),
    path("pick/", views.pick, name="pick"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("<int:pk>/", views.child_detail, name="detail"),
    path("<int:pk>/edit/", views.child_edit, name="edit"),
    path("<int:pk>/archive/", views.child_archive, name="archive"),
    path("<int:pk>/restore/", views.child_restore, name="restore"),
    # children reported by village heads, confirmed or rejected by the officer
    path("reported/", reported_views.reported_list, name="reported_list"),
    path("reported/<int:pk>/", reported_views.reported_detail, name="reported_detail"),
    path("reported/<int:pk>/confirm/", reported_views.reported_confirm, name="reported_confirm"),
    path("reported/<int:pk>/reject/", reported_views.reported_reject, name="reported_reject"),
    path("", include("children.privacy.urls")),  # consent, requests, the access log (before <slug:kind>)
    path("<int:pk>/<slug:kind>/add/", views.record_add, name="record_add"),
    path("<int:pk>/<slug:kind>/<int:record_pk>/edit/", views.record_edit, name="record_edit"),
    path("<int:pk>/<slug:kind>/<int:record_pk>/delete/", views.record_delete, name="record_delete"),
    # import, export, officers' lists
    path("import/", io_views.import_upload, name="import"),
    path("import/apply/", io_views.import_apply, name="import_apply"),
    path("import/template.xlsx", io_views.import_template, name="import_template"),
    path("export.xlsx", io_views.export, name="export"),
    path("lists/", io_views.officer_lists, name="lists"),
    # protection cases
    path("cases/", include("children.cases.urls")),
    # monthly social allowances
    path("allowances/", include("children.allowances.urls")),
]
for _slug in OFFICER_LISTS:
    urlpatterns += [
        path(f"lists/{_slug}/", io_views.officer_list, {"slug": _slug}, name=f"list_{_slug}"),
        path(f"lists/{_slug}/export.xlsx", io_views.officer_list_export, {"slug": _slug}, name=f"list_{_slug}_export"),
    ]
