from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


class TargetInline(admin.TabularInline):
    model = models.Target
    extra = 0
    fields = ["order", "title", "kind", "goal", "indicator", "responsible"]


class ActivityInline(admin.TabularInline):
    model = models.Activity
    extra = 0
    fields = ["number", "title"]


@admin.register(models.Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "commune", "year", "number", "status", "approved_by"]
    list_filter = ["status", "year", "commune"]
    search_fields = ["title", "number"]
    inlines = [TargetInline, ActivityInline]
    raw_id_fields = ["approved_by", "created_by", "copied_from"]


@admin.register(models.Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "kind", "goal", "indicator"]
    list_filter = ["indicator", "kind", "plan__year"]
    search_fields = ["title"]


@admin.register(models.TargetValue)
class TargetValueAdmin(SimpleHistoryAdmin):
    list_display = ["target", "village", "as_of", "numerator", "denominator", "source"]
    list_filter = ["source", "as_of"]
    search_fields = ["target__title", "evidence"]


@admin.register(models.Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "plan"]
    list_filter = ["plan__year"]
    search_fields = ["title"]


@admin.register(models.Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["task", "unit", "activity", "due_date", "status", "budget"]
    list_filter = ["status", "unit__kind", "activity__plan__year"]
    search_fields = ["task", "unit__name"]
    filter_horizontal = ["entries"]


@admin.register(models.Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["original_name", "assignment", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["content_type"]
    search_fields = ["original_name", "caption"]


class GiftListInline(admin.TabularInline):
    model = models.GiftList
    extra = 0
    fields = ["title", "default_gift", "default_value"]


@admin.register(models.Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "date", "place", "organiser", "budget", "participants"]
    list_filter = ["kind", "plan__year"]
    search_fields = ["title", "theme", "place"]
    inlines = [GiftListInline]
    filter_horizontal = ["entries"]


@admin.register(models.GiftList)
class GiftListAdmin(SimpleHistoryAdmin):
    list_display = ["title", "event", "default_gift", "default_value"]
    list_filter = ["event__kind"]
    search_fields = ["title", "event__title"]
    filter_horizontal = ["entries"]


@admin.register(models.GiftRecipient)
class GiftRecipientAdmin(SimpleHistoryAdmin):
    list_display = ["child", "gift_list", "gift", "value"]
    list_filter = ["gift_list__event__kind"]
    search_fields = ["child__full_name", "gift"]
    raw_id_fields = ["child"]


@admin.register(models.Forum)
class ForumAdmin(SimpleHistoryAdmin):
    list_display = ["topic", "date", "plan", "minders", "volunteers", "guests"]
    list_filter = ["plan__year"]
    search_fields = ["topic"]


@admin.register(models.ForumParticipant)
class ForumParticipantAdmin(SimpleHistoryAdmin):
    list_display = ["child", "forum", "age", "consent", "is_representative"]
    list_filter = ["consent", "is_representative"]
    search_fields = ["child__full_name"]
    raw_id_fields = ["child"]


@admin.register(models.ForumQuestion)
class ForumQuestionAdmin(SimpleHistoryAdmin):
    list_display = ["question", "forum", "asked_by", "answered_by"]
    list_filter = ["forum__plan__year"]
    search_fields = ["question", "answer"]


@admin.register(models.RiskSite)
class RiskSiteAdmin(SimpleHistoryAdmin):
    list_display = ["name", "village", "kind", "risk", "has_fence", "has_sign", "last_checked"]
    list_filter = ["kind", "risk", "has_fence", "has_sign", "village"]
    search_fields = ["name", "location"]


@admin.register(models.Training)
class TrainingAdmin(SimpleHistoryAdmin):
    list_display = ["topic", "date", "commune", "organiser"]
    list_filter = ["commune", "date"]
    search_fields = ["topic", "organiser", "other_attendees"]
    filter_horizontal = ["attendees"]


class CriterionScoreInline(admin.TabularInline):
    model = models.CriterionScore
    extra = 0


@admin.register(models.Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["commune", "year"]
    list_filter = ["year", "commune"]
    search_fields = ["commune__name"]
    inlines = [CriterionScoreInline]


@admin.register(models.CriterionScore)
class CriterionScoreAdmin(SimpleHistoryAdmin):
    list_display = ["assessment", "number", "score", "max_score", "met"]
    list_filter = ["met", "number"]
    search_fields = ["assessment__commune__name"]
