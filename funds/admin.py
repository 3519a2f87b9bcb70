"""Administration of the fund ledger. Posted entries are read-only here too: corrections are reversals."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from .models import Attachment, Entry, Fund, FundYear


class LedgerHistoryAdmin(SimpleHistoryAdmin):
    """The history of a ledger record is for reading: no "Revert" button, and a posted revert form is refused
    (a revert would rewrite a posted entry; corrections are reversing entries)."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class FundYearInline(admin.TabularInline):
    model = FundYear
    extra = 0
    fields = ["year", "opened_at", "opened_by", "closed_at", "closed_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Fund)
class FundAdmin(LedgerHistoryAdmin):
    list_display = ["name", "commune", "kind", "started_on", "brought_forward"]
    list_filter = ["kind"]
    search_fields = ["name", "commune__name"]
    autocomplete_fields = ["commune"]
    inlines = [FundYearInline]

    def get_readonly_fields(self, request, obj=None):
        # Once a book has entries its starting figures are history.
        if obj is not None and obj.entries.exists():
            return ["commune", "kind", "brought_forward", "started_on"]
        return []


@admin.register(FundYear)
class FundYearAdmin(LedgerHistoryAdmin):
    list_display = ["fund", "year", "opened_at", "closed_at"]
    list_filter = ["year"]
    search_fields = ["fund__name", "fund__commune__name"]
    readonly_fields = ["fund", "year", "opened_by", "closed_at", "closed_by"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Entry)
class EntryAdmin(LedgerHistoryAdmin):
    """Read-only: entries change only through the ledger's pages and services (approval, posting)."""

    list_display = ["__str__", "fund", "entry_date", "kind", "category", "amount", "status"]
    list_filter = ["status", "kind", "category", "fund__kind"]
    search_fields = ["purpose", "counterparty", "fund__commune__name", "voucher_number"]
    date_hierarchy = "entry_date"
    list_select_related = ["fund__commune"]
    inlines = [AttachmentInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Attachment)
class AttachmentAdmin(LedgerHistoryAdmin):
    list_display = ["original_name", "entry", "content_type", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["content_type"]
    search_fields = ["original_name", "entry__purpose"]
    list_select_related = ["entry__fund", "uploaded_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
