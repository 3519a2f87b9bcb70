"""Administration of the registry: every model with search, filters, history and import-export.

The portal's own pages are the way officers work; the admin is for the system administrator.
Saving a child here keeps the derived search and sort keys in step (as the services do).
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from import_export import resources
from import_export.admin import ImportExportModelAdmin as _ImportExportModelAdmin
from import_export.forms import ImportForm
from simple_history.admin import SimpleHistoryAdmin

from core.uploads import check_table_upload

from .models import (
    Adoption,
    BirthRegistration,
    Child,
    ChildCircumstance,
    CircumstanceGroup,
    Disability,
    Ethnicity,
    Guardian,
    HealthInsurance,
    HealthScreening,
    ReportedChild,
    Support,
)
from .services import child_derive_keys, residences_follow


class BoundedImportForm(ImportForm):
    """The admin's import goes through the same bounded checks as every upload (core.uploads)."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            check_table_upload(upload)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["import_file"]) from None
        return upload


# django-import-export's export page wires its "Select all" box with an inline handler, which the
# Content-Security-Policy refuses (and reports) as the page loads; the attribute is taken out and
# static/js/admin-export-select-all.js attaches the same handler (templates/admin/import_export/).
INLINE_SELECT_ALL = b' onchange="onSelectToggleChange(event)"'


def _without_inline_handler(response) -> None:
    response.content = response.content.replace(INLINE_SELECT_ALL, b"")


class ImportExportModelAdmin(_ImportExportModelAdmin):
    import_form_class = BoundedImportForm

    def export_action(self, request):
        response = super().export_action(request)
        if isinstance(response, TemplateResponse):
            response.add_post_render_callback(_without_inline_handler)
        return response


class ChildResource(resources.ModelResource):
    class Meta:
        model = Child
        exclude = ("name_key", "sort_key")

    def before_save_instance(self, instance, row, **kwargs):
        child_derive_keys(instance)

    def after_save_instance(self, instance, row, **kwargs):
        if not kwargs.get("dry_run"):
            residences_follow([instance], on=timezone.localdate())


class HistoryImportExportAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    pass


class GuardianInline(admin.TabularInline):
    model = Guardian
    extra = 0


class CircumstanceInline(admin.TabularInline):
    model = ChildCircumstance
    extra = 0


@admin.register(Ethnicity)
class EthnicityAdmin(ImportExportModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(CircumstanceGroup)
class CircumstanceGroupAdmin(ImportExportModelAdmin):
    list_display = ["letter", "name", "order"]
    search_fields = ["letter", "name"]


@admin.register(Child)
class ChildAdmin(HistoryImportExportAdmin):
    resource_classes = [ChildResource]
    list_display = ["full_name", "date_of_birth", "sex", "village", "ethnicity", "personal_id", "archived_at"]
    list_filter = [
        "sex",
        "poverty",
        "schooling",
        "village__parent",
        "village",
        "ethnicity",
        ("archived_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["full_name", "name_key", "personal_id"]
    date_hierarchy = "date_of_birth"
    autocomplete_fields = ["village"]
    list_select_related = ["village", "ethnicity"]
    readonly_fields = ["created_at", "updated_at", "created_by"]
    inlines = [GuardianInline, CircumstanceInline]

    def save_model(self, request, obj, form, change):
        child_derive_keys(obj)
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        residences_follow([obj], on=timezone.localdate(), user=request.user)


class ChildRecordAdmin(HistoryImportExportAdmin):
    autocomplete_fields = ["child"]
    list_select_related = ["child", "child__village"]
    search_fields = ["child__full_name", "child__name_key", "child__personal_id"]


@admin.register(Guardian)
class GuardianAdmin(ChildRecordAdmin):
    list_display = ["full_name", "relation", "phone", "is_primary", "child"]
    list_filter = ["relation", "is_primary"]
    search_fields = [*ChildRecordAdmin.search_fields, "full_name", "phone"]


@admin.register(ChildCircumstance)
class ChildCircumstanceAdmin(ChildRecordAdmin):
    list_display = ["child", "group", "subgroup", "start_date", "end_date"]
    list_filter = ["group", "child__village"]


@admin.register(Disability)
class DisabilityAdmin(ChildRecordAdmin):
    list_display = ["child", "type", "level", "certified_on"]
    list_filter = ["type", "level"]


@admin.register(HealthInsurance)
class HealthInsuranceAdmin(ChildRecordAdmin):
    list_display = ["card_number", "child", "valid_from", "valid_to"]
    list_filter = ["valid_to"]
    search_fields = [*ChildRecordAdmin.search_fields, "card_number"]


@admin.register(HealthScreening)
class HealthScreeningAdmin(ChildRecordAdmin):
    list_display = ["child", "date", "condition", "result", "referral"]
    list_filter = ["condition", "date"]


@admin.register(BirthRegistration)
class BirthRegistrationAdmin(ChildRecordAdmin):
    list_display = ["child", "registered_on", "place", "book_number"]
    list_filter = ["registered_on"]
    search_fields = [*ChildRecordAdmin.search_fields, "book_number", "place"]


@admin.register(Adoption)
class AdoptionAdmin(ChildRecordAdmin):
    list_display = ["child", "registered_on", "kind", "adoptive_parents"]
    list_filter = ["kind"]


@admin.register(Support)
class SupportAdmin(ChildRecordAdmin):
    list_display = ["child", "date", "kind", "amount", "source", "recorded_by"]
    list_filter = ["kind", "source", "date"]
    list_select_related = [*ChildRecordAdmin.list_select_related, "recorded_by"]
    readonly_fields = ["recorded_by", "created_at"]


from .privacy import admin as privacy_admin  # noqa: E402, F401  (registers the privacy models)


@admin.register(ReportedChild)
class ReportedChildAdmin(SimpleHistoryAdmin):
    """Children reported by village heads; decided on the officer's page (``children:reported_list``)."""

    list_display = ["full_name", "date_of_birth", "village", "status", "reported_by", "reported_at", "child"]
    list_filter = ["status", "village"]
    search_fields = ["full_name", "carer_name"]
    raw_id_fields = ["child"]
    readonly_fields = ["reported_by", "reported_at", "decided_by", "decided_at"]
