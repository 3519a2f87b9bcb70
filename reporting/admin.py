from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Event, Indicator, Period, Reminder, ReportType, Submission, Value


@admin.register(ReportType)
class ReportTypeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "from_kind", "to_kind", "period_kind", "due_day", "due_month", "is_active"]
    list_filter = ["from_kind", "period_kind", "is_active"]
    search_fields = ["name", "code"]
    filter_horizontal = ["indicators"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "unit", "group", "breakdown", "source", "at_most", "official_code"]
    list_filter = ["group", "source", "breakdown", "official_code"]
    search_fields = ["code", "name"]


@admin.register(Period)
class PeriodAdmin(SimpleHistoryAdmin):
    list_display = ["title", "area", "year", "start", "end", "opens_on", "deadline", "closes_on"]
    list_filter = ["year", "report_type"]
    search_fields = ["title", "area__name"]
    list_select_related = ["area", "report_type"]
    raw_id_fields = ["area", "reporter"]


class ValueInline(admin.TabularInline):
    model = Value
    extra = 0
    fields = ["indicator", "key", "value", "source"]
    raw_id_fields = ["indicator"]


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    readonly_fields = ["action", "user", "at", "comment"]
    can_delete = False


@admin.register(Submission)
class SubmissionAdmin(SimpleHistoryAdmin):
    list_display = ["period", "area", "status", "first_submitted_at", "on_time", "times_submitted"]
    list_filter = ["status", "on_time", "period__year", "period__report_type"]
    search_fields = ["area__name", "period__title", "number"]
    list_select_related = ["period", "area"]
    raw_id_fields = ["period", "area", "submitted_by", "approved_by", "reviewed_by"]
    inlines = [ValueInline, EventInline]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["submission", "action", "user", "at"]
    list_filter = ["action"]
    search_fields = ["submission__area__name", "comment"]
    list_select_related = ["submission__period", "submission__area", "user"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["period", "area", "kind", "sent_on", "recipients"]
    list_filter = ["kind", "sent_on"]
    search_fields = ["area__name", "period__title"]
