"""The read API (``/api/v1/``) and the pages around it: tokens, the consolidated view of pulled values.

API views are thin: parse the filters → a selector that takes the viewer (scope as on the pages) →
a serializer. Every answer with data is written to the access log (who, what, filters, rows, and
whether a token or the session was used).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError as BadRequest
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from accounts import scope
from accounts.audit import log_access, log_area
from reporting.models import Indicator

from . import dhis2, services
from . import selectors as sel
from . import serializers as ser
from .forms import TokenForm
from .models import ApiToken

# --- shared behaviour of the API views ------------------------------------------------------------


class ExchangeView(APIView):
    """Base of every data endpoint: 400 naming the bad filter, and each answer logged like an export."""

    log_what = ""
    row_count = 1  # a detail answer is one row; lists count their page

    def handle_exception(self, exc):
        if isinstance(exc, sel.BadFilter):
            exc = BadRequest({exc.field: [exc.message]})
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.log_what and response.status_code == 200 and request.user.is_authenticated:
            token = request.auth if isinstance(request.auth, ApiToken) else None
            log_access(
                request,
                what=f"api.{self.log_what}",
                area=log_area(request.user, sel.READ_PERM),
                filters={
                    "query": {k: request.query_params.getlist(k) for k in request.query_params},
                    "auth": f"token:{token.prefix}" if token else "session",
                },
                row_count=getattr(self, "row_count", 0),
            )
        return response


class ExchangeListView(ExchangeView, generics.ListAPIView):
    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.row_count = len(page) if page is not None else 0
        return page


AREA = OpenApiParameter(
    "area", OpenApiTypes.STR, description=gettext_lazy("Area code: only this area and the areas below it.")
)
YEAR = OpenApiParameter("year", OpenApiTypes.INT, description=gettext_lazy("Year of the reporting period."))
DHIS2_PERIOD = OpenApiParameter(
    "dhis2_period",
    OpenApiTypes.STR,
    description=gettext_lazy("Period in DHIS2 notation: 2022S1, 2022, 2022Q2, 202206."),
)
REPORT_TYPE = OpenApiParameter(
    "report_type", OpenApiTypes.STR, description=gettext_lazy("Code of the report type (e.g. commune-6m).")
)
LEVEL = OpenApiParameter(
    "level",
    OpenApiTypes.STR,
    enum=["village", "commune", "all"],
    description=gettext_lazy("Reports of villages or of communes."),
)


class ApiRoot(APIView):
    """The endpoints of the API (this page is the browsable API when opened in a browser)."""

    @extend_schema(exclude=True)
    def get(self, request):
        names = ["areas", "periods", "indicators", "values", "completeness"]
        links = {name: reverse(f"api:{name}", request=request) for name in names}
        links["dataValueSets.json"] = reverse("api:datavaluesets_json", request=request) + "?period=2022S1"
        links["dataValueSets.csv"] = reverse("api:datavaluesets_csv", request=request) + "?period=2022S1"
        links["schema"] = reverse("api:schema", request=request)
        return Response(links)


# --- areas, periods, indicators -------------------------------------------------------------------


@extend_schema(
    summary=gettext_lazy("Areas you may read"),
    description=gettext_lazy("The administrative areas in your scope, with their validity dates."),
    parameters=[AREA, OpenApiParameter("kind", OpenApiTypes.STR, enum=["province", "district", "commune", "village"])],
)
class AreaList(ExchangeListView):
    serializer_class = ser.AreaSerializer
    log_what = "areas"

    def get_queryset(self):
        params = self.request.query_params
        under = sel.area_for(self.request.user, params["area"]) if params.get("area") else None
        return sel.areas_visible_to(self.request.user, under=under, kind=params.get("kind", ""))


@extend_schema(summary=gettext_lazy("One area"), description=gettext_lazy("An area outside your scope answers 404."))
class AreaDetail(ExchangeView, generics.RetrieveAPIView):
    serializer_class = ser.AreaSerializer
    log_what = "area"

    def get_object(self):
        return sel.areas_visible_to(self.request.user).get(pk=sel.area_for(self.request.user, self.kwargs["code"]).pk)


@extend_schema(
    summary=gettext_lazy("Reporting periods"),
    description=gettext_lazy("The periods of the reporting calendar you see, with their dates and DHIS2 period."),
    parameters=[YEAR, AREA, REPORT_TYPE, DHIS2_PERIOD],
)
class PeriodList(ExchangeListView):
    serializer_class = ser.PeriodSerializer
    log_what = "periods"

    def get_queryset(self):
        return sel.periods_visible_to(self.request.user, self.request.query_params)


@extend_schema(
    summary=gettext_lazy("One reporting period"), description=gettext_lazy("A period outside your scope answers 404.")
)
class PeriodDetail(ExchangeView, generics.RetrieveAPIView):
    serializer_class = ser.PeriodSerializer
    log_what = "period"

    def get_object(self):
        return sel.period_for(self.request.user, self.kwargs["pk"])


@extend_schema(
    summary=gettext_lazy("Indicator definitions"),
    description=gettext_lazy("Code, name, unit, how each figure is obtained, its breakdown and its DHIS2 mapping."),
)
class IndicatorList(ExchangeListView):
    serializer_class = ser.IndicatorSerializer
    log_what = "indicators"

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "letters": sel.confidential_letters()}

    def get_queryset(self):
        sel.require_reports(self.request.user)
        return Indicator.objects.select_related("at_most").prefetch_related("dhis2_mappings").order_by("order", "code")


# --- figures --------------------------------------------------------------------------------------


@extend_schema(
    summary=gettext_lazy("Indicator values of approved reports"),
    description=gettext_lazy(
        "One row per area, period, indicator and breakdown key, from approved reports only, with the "
        "report's status and approval date. Figures below 3 about confidential groups (and any figure "
        "of 1 or 2 for a village) are withheld unless you may read case files there."
    ),
    parameters=[
        AREA,
        OpenApiParameter("period", OpenApiTypes.INT, description=gettext_lazy("Id of the reporting period.")),
        YEAR,
        DHIS2_PERIOD,
        OpenApiParameter(
            "indicator", OpenApiTypes.STR, many=True, description=gettext_lazy("Indicator code; may be repeated.")
        ),
        REPORT_TYPE,
        LEVEL,
    ],
)
class ValueList(ExchangeListView):
    serializer_class = ser.ValueSerializer
    log_what = "values"

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "viewer": sel.Viewer(self.request.user)}

    def get_queryset(self):
        return sel.approved_values(self.request.user, self.request.query_params)


@extend_schema(
    summary=gettext_lazy("Completeness and timeliness"),
    description=gettext_lazy("Per period: reports expected, received, on time and accepted among the areas you see."),
    parameters=[YEAR, AREA, REPORT_TYPE, DHIS2_PERIOD],
)
class CompletenessList(ExchangeListView):
    serializer_class = ser.CompletenessSerializer
    log_what = "completeness"

    def get_queryset(self):
        return sel.periods_visible_to(self.request.user, self.request.query_params)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        rows = sel.completeness(request.user, page)
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)


@extend_schema(
    summary=gettext_lazy("DHIS2 data value set"),
    description=gettext_lazy(
        "The approved values of a period for an area and the areas below it, in DHIS2's dataValueSets "
        "format (JSON or CSV), keyed by the data elements and organisation units of the mapping. "
        "Cells without a mapping, empty or withheld are left out; their numbers are in the headers "
        "X-Unmapped-Values and X-Withheld-Values."
    ),
    parameters=[
        OpenApiParameter(
            "period",
            OpenApiTypes.STR,
            required=True,
            description=gettext_lazy("Period in DHIS2 notation: 2022S1, 2022, 2022Q2, 202206."),
        ),
        AREA,
        OpenApiParameter(
            "level",
            OpenApiTypes.STR,
            enum=["commune", "village", "all"],
            description=gettext_lazy("Reports of communes (default) or villages."),
        ),
    ],
    responses=ser.DataValueSetSerializer,
)
class DataValueSets(ExchangeView):
    renderer_classes = [JSONRenderer]
    log_what = "dataValueSets"

    def get(self, request, fmt="json"):
        data = sel.data_value_set(request.user, request.query_params)
        self.log_what = f"dataValueSets.{fmt}"
        self.row_count = len(data.values)
        if fmt == "csv":
            response = HttpResponse(dhis2.to_csv(data.values), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = (
                f'attachment; filename="dataValueSets-{request.query_params["period"]}.csv"'
            )
        else:
            response = Response(dhis2.to_json(data.values))
        response["X-Unmapped-Values"] = str(data.unmapped)
        response["X-Withheld-Values"] = str(data.withheld)
        return response


# --- pages: personal tokens -----------------------------------------------------------------------


@never_cache
def token_create(request):
    """Make a personal token; the token is shown once, on the answer to the form."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.token_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(request, "api/token_created.html", {"token": token, "secret": secret})
    return render(request, "api/token_form.html", {"form": form})


@require_POST
def token_revoke(request, pk):
    token = scope.get_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    services.token_revoke(token=token, user=request.user)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("accounts:profile")


# --- page: values pulled from other deployments ---------------------------------------------------


def consolidated(request):
    """The province (or district) office's view of figures pulled from other deployments."""
    level = "village" if request.GET.get("level") == "village" else "commune"
    table = sel.consolidated_table(request.user, period=request.GET.get("period", ""), level=level)
    return render(request, "api/consolidated.html", {"table": table, "level": level})
