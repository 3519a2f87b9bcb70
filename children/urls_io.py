"""Import, export and the officers' lists, mounted at /children/ in the "children" namespace."""

from django.urls import path

from . import views_io
from .lists import OFFICER_LISTS

urlpatterns = [
    path("import/", views_io.import_upload, name="import"),
    path("import/apply/", views_io.import_apply, name="import_apply"),
    path("import/template.xlsx", views_io.import_template, name="import_template"),
    path("export.xlsx", views_io.export, name="export"),
    path("lists/", views_io.officer_lists, name="lists"),
]
for _slug in OFFICER_LISTS:
    urlpatterns += [
        path(f"lists/{_slug}/", views_io.officer_list, {"slug": _slug}, name=f"list_{_slug}"),
        path(f"lists/{_slug}/export.xlsx", views_io.officer_list_export, {"slug": _slug}, name=f"list_{_slug}_export"),
    ]
