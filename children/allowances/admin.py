from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BaseLevel, CoefficientRule, Entitlement, PaymentItem, PaymentList


@admin.register(BaseLevel)
class BaseLevelAdmin(SimpleHistoryAdmin):
    """A new decree is a new row, in force from its date."""

    list_display = ["valid_from", "amount", "source", "note"]


@admin.register(CoefficientRule)
class CoefficientRuleAdmin(SimpleHistoryAdmin):
    list_display = ["category", "age_from", "age_to", "coefficient", "valid_from", "group_letters", "source", "note"]
    list_filter = ["category", "valid_from"]


@admin.register(Entitlement)
class EntitlementAdmin(SimpleHistoryAdmin):
    list_display = ["child", "commune", "category", "decision_number", "decision_date", "start_month", "end_month"]
    list_filter = ["category", "end_reason", "commune"]
    search_fields = ["child__full_name", "decision_number"]
    raw_id_fields = ["child", "circumstance", "disability", "confirmed_by"]


class PaymentItemInline(admin.TabularInline):
    model = PaymentItem
    extra = 0
    raw_id_fields = ["entitlement", "support"]
    readonly_fields = ["entitlement", "village", "for_month", "coefficient", "base_amount", "amount", "support"]
    can_delete = False


@admin.register(PaymentList)
class PaymentListAdmin(SimpleHistoryAdmin):
    list_display = ["commune", "month", "paid_on", "payer", "total"]
    list_filter = ["commune"]
    readonly_fields = ["total"]
    inlines = [PaymentItemInline]
