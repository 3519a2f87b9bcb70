"""Administration of the privacy rules (purposes: editable, so a new decree is a data change) and of
the consents, bases and requests recorded for children (with their change history)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ChildBasis, Consent, Purpose, RightsRequest


@admin.register(Purpose)
class PurposeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "basis", "every_child", "child_consent_age", "confirmed", "order"]
    list_filter = ["basis", "confirmed"]
    search_fields = ["name", "code", "citation"]


class _ChildRecordAdmin(SimpleHistoryAdmin):
    raw_id_fields = ["child"]
    search_fields = ["child__full_name", "child__name_key"]
    list_select_related = ["child"]


@admin.register(ChildBasis)
class ChildBasisAdmin(_ChildRecordAdmin):
    list_display = ["child", "purpose", "basis", "citation", "recorded_by", "recorded_at"]
    list_filter = ["purpose", "basis"]
    readonly_fields = ["recorded_by", "recorded_at"]


@admin.register(Consent)
class ConsentAdmin(_ChildRecordAdmin):
    list_display = ["child", "purpose", "given_by", "relation", "given_on", "child_agreed", "withdrawn_on"]
    list_filter = ["purpose", "child_agreed", ("withdrawn_on", admin.EmptyFieldListFilter)]
    raw_id_fields = ["child", "guardian"]
    readonly_fields = ["recorded_by", "recorded_at", "withdrawal_recorded_by"]


@admin.register(RightsRequest)
class RightsRequestAdmin(_ChildRecordAdmin):
    list_display = ["child", "kind", "requested_by", "received_on", "status", "decided_on", "done_on"]
    list_filter = ["kind", "status"]
    readonly_fields = ["received_by", "decided_by", "done_by"]
