"""``/api/v1/…`` answers programs (a token or the session; DRF says 401/403 itself, so those views
skip the sign-in redirect); ``/api/docs/`` and the token and consolidation pages are ordinary pages."""

from django.contrib.auth.decorators import login_not_required, login_required
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views

SCHEMA_DESCRIPTION = _(
    "Read-only API of the child protection portal for the level above: areas, reporting periods, "
    "indicator definitions, indicator values of approved reports, completeness and timeliness, and "
    "DHIS2 data value sets. Figures only, never a child's personal data; small figures are withheld. "
    "Authenticate with a personal token (Authorization: Bearer …) made on your profile page, or "
    "with your session in the browser. Everything is limited to your areas, as on the pages."
)


def api(view):
    """An endpoint for programs: no sign-in redirect, DRF answers 401 itself (stated, not left to DRF)."""
    return login_not_required(view)


app_name = "api"
urlpatterns = [
    path("v1/", api(views.ApiRoot.as_view()), name="root"),
    path("v1/areas/", api(views.AreaList.as_view()), name="areas"),
    path("v1/areas/<str:code>/", api(views.AreaDetail.as_view()), name="area"),
    path("v1/periods/", api(views.PeriodList.as_view()), name="periods"),
    path("v1/periods/<int:pk>/", api(views.PeriodDetail.as_view()), name="period"),
    path("v1/indicators/", api(views.IndicatorList.as_view()), name="indicators"),
    path("v1/values/", api(views.ValueList.as_view()), name="values"),
    path("v1/completeness/", api(views.CompletenessList.as_view()), name="completeness"),
    path("v1/dataValueSets.json", api(views.DataValueSets.as_view()), {"fmt": "json"}, name="datavaluesets_json"),
    path("v1/dataValueSets.csv", api(views.DataValueSets.as_view()), {"fmt": "csv"}, name="datavaluesets_csv"),
    path(
        "schema/",
        api(SpectacularAPIView.as_view(custom_settings={"DESCRIPTION": SCHEMA_DESCRIPTION})),
        name="schema",
    ),
    # DRF marks its views as not needing the sign-in redirect; this page is for people: sign in first.
    # The split view serves Swagger UI's start-up script as a file of its own (?script): no inline script (CSP).
    path("docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
    path("tokens/new/", views.token_create, name="token_create"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("consolidated/", views.consolidated, name="consolidated"),
]
