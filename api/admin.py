from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ApiToken, DataElementMapping, OrgUnitMapping, PulledValue


@admin.register(DataElementMapping)
class DataElementMappingAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "key", "data_element", "category_option_combo"]
    list_filter = ["indicator__group"]
    search_fields = ["indicator__code", "indicator__name", "data_element", "category_option_combo"]
    list_select_related = ["indicator"]
    autocomplete_fields = ["indicator"]


@admin.register(OrgUnitMapping)
class OrgUnitMappingAdmin(SimpleHistoryAdmin):
    list_display = ["area", "org_unit"]
    list_filter = ["area__kind"]
    search_fields = ["area__code", "area__name", "org_unit"]
    list_select_related = ["area"]
    raw_id_fields = ["area"]


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    """Tokens are made by their owners on the profile page; here they can be seen and revoked."""

    list_display = ["name", "user", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__username", "prefix"]
    list_select_related = ["user"]
    readonly_fields = ["user", "name", "prefix", "created_at", "expires_at", "last_used_at"]
    fields = ["user", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]

    def has_add_permission(self, request):
        return False


@admin.register(PulledValue)
class PulledValueAdmin(admin.ModelAdmin):
    list_display = ["source", "area_code", "area_name", "period", "indicator", "key", "value", "withheld", "pulled_at"]
    list_filter = ["source", "period", "withheld"]
    search_fields = ["area_code", "area_name", "indicator__code"]
    list_select_related = ["indicator"]
    raw_id_fields = ["area", "indicator"]
