"""django-import-export resources for the registry.

``ChildTemplateResource`` maps the import template's Vietnamese columns onto ``Child`` the way
django-import-export does it by default: one row at a time (a lookup per row for the existing
record, a query per foreign key, one ``save()`` and one history row per child). It reads the
same file as ``children.io.imports`` and is what the benchmark (``make bench``) compares that bulk
pipeline with. The portal's import page does not use it: per-row saving cannot refuse a whole file
with every bad row listed and stays several times slower (see docs/readme/children_io.md).
"""

from import_export import fields, resources, widgets

from accounts.models import Area

from .io.imports import COLUMN_BY_KEY, SEX_MAP
from .models import Child, Ethnicity
from .services import child_derive_keys
from .text import search_key


class SexWidget(widgets.Widget):
    """ "Nam"/"Nữ" (any case, with or without accents) ↔ M/F."""

    def clean(self, value, row=None, **kwargs):
        found = SEX_MAP.get(search_key(str(value or "")))
        if found is None:
            raise ValueError(f"Giới tính không hợp lệ: {value!r}")
        return found

    def render(self, value, obj=None, **kwargs):
        return {"M": "Nam", "F": "Nữ"}.get(value, "")


class TextWidget(widgets.CharWidget):
    """Keep digit codes as text (a number cell would otherwise give "20218001234.0")."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return "" if value is None else str(value).strip()


def _column(key: str) -> str:
    return COLUMN_BY_KEY[key].header


class ChildTemplateResource(resources.ModelResource):
    full_name = fields.Field(attribute="full_name", column_name=_column("full_name"))
    date_of_birth = fields.Field(
        attribute="date_of_birth", column_name=_column("date_of_birth"), widget=widgets.DateWidget(format="%d/%m/%Y")
    )
    sex = fields.Field(attribute="sex", column_name=_column("sex"), widget=SexWidget())
    ethnicity = fields.Field(
        attribute="ethnicity", column_name=_column("ethnicity"), widget=widgets.ForeignKeyWidget(Ethnicity, "name")
    )
    personal_id = fields.Field(attribute="personal_id", column_name=_column("personal_id"), widget=TextWidget())
    village = fields.Field(
        attribute="village", column_name=_column("village"), widget=widgets.ForeignKeyWidget(Area, "code")
    )
    address = fields.Field(attribute="address", column_name=_column("address"), widget=TextWidget())
    school_name = fields.Field(attribute="school_name", column_name=_column("school_name"), widget=TextWidget())

    class Meta:
        model = Child
        fields = ("full_name", "date_of_birth", "sex", "ethnicity", "personal_id", "village", "address", "school_name")
        import_id_fields = ("personal_id",)
        clean_model_instances = True  # full_clean() on each row, as a careful default resource would
        skip_unchanged = True

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.full_name:
            child_derive_keys(instance)  # before full_clean(), which needs the keys
