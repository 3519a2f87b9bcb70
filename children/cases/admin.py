from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Case, CasePlan, CaseStep, Holiday, PlanService


class CaseStepInline(admin.TabularInline):
    model = CaseStep
    extra = 0
    fields = ["kind", "done_at", "done_by", "confirmed", "risk", "is_emergency", "outcome", "close_reason"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ["number", "commune", "village", "kind", "reported_at", "stage", "is_emergency", "officer"]
    list_filter = ["stage", "kind", "level", "source", "is_emergency", "commune"]
    search_fields = ["number", "children__full_name"]
    autocomplete_fields = ["commune", "village", "officer"]
    raw_id_fields = ["children"]
    readonly_fields = ["number", "stage", "is_emergency", "initial_assessed_at", "next_review_on", "closed_at"]
    date_hierarchy = "reported_at"
    inlines = [CaseStepInline]


@admin.register(CaseStep)
class CaseStepAdmin(SimpleHistoryAdmin):
    list_display = ["case", "kind", "done_at", "done_by"]
    list_filter = ["kind"]
    search_fields = ["case__number"]
    raw_id_fields = ["case", "plan", "service"]


class PlanServiceInline(admin.TabularInline):
    model = PlanService
    extra = 0


@admin.register(CasePlan)
class CasePlanAdmin(SimpleHistoryAdmin):
    list_display = ["case", "version", "status", "submitted_at", "due_on", "decided_at", "decided_by"]
    list_filter = ["status"]
    search_fields = ["case__number"]
    raw_id_fields = ["case"]
    inlines = [PlanServiceInline]


@admin.register(PlanService)
class PlanServiceAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "kind", "description", "unit", "start_date", "end_date", "given_on"]
    list_filter = ["kind"]
    search_fields = ["plan__case__number", "description"]
    raw_id_fields = ["plan"]


@admin.register(Holiday)
class HolidayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "name", "commune"]
    list_filter = ["commune"]
    search_fields = ["name"]
    date_hierarchy = "date"
