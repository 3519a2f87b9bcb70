"""What each endpoint returns: figures and reference data only, never a child's personal data.

The fields are declared for the OpenAPI schema; ``to_representation`` builds each row directly
from objects the views have already loaded (no query per row).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from reporting import indicators as ind
from reporting.privacy import cell_is_confidential

from . import dhis2
from . import selectors as sel


class AreaSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Administrative unit code."))
    name = serializers.CharField(help_text=_("Name of the area."))
    kind = serializers.CharField(help_text=_("province, district, commune or village."))
    parent = serializers.CharField(allow_null=True, help_text=_("Code of the area above."))
    valid_from = serializers.DateField(allow_null=True, help_text=_("First day the area exists (empty: always)."))
    valid_to = serializers.DateField(allow_null=True, help_text=_("Last day the area exists (empty: still exists)."))
    dhis2_org_unit = serializers.CharField(allow_null=True, help_text=_("DHIS2 organisation unit of the area."))

    def to_representation(self, area):
        mapping = getattr(area, "dhis2_org_unit", None)  # reverse one-to-one: missing reads as None here
        return {
            "code": area.code,
            "name": area.name,
            "kind": area.kind,
            "parent": area.parent.code if area.parent_id else None,
            "valid_from": area.valid_from.isoformat() if area.valid_from else None,
            "valid_to": area.valid_to.isoformat() if area.valid_to else None,
            "dhis2_org_unit": mapping.org_unit if mapping else None,
        }


class PeriodSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    report_type = serializers.CharField(help_text=_("Code of the report type."))
    report_type_name = serializers.CharField()
    period_kind = serializers.CharField(help_text=_("six_monthly, annual, ad_hoc or thematic."))
    level = serializers.CharField(help_text=_("Who reports: village or commune."))
    area = serializers.CharField(help_text=_("Code of the area that receives the reports."))
    year = serializers.IntegerField()
    title = serializers.CharField()
    start = serializers.DateField(help_text=_("First day the figures cover."))
    end = serializers.DateField(help_text=_("Last day the figures cover."))
    opens_on = serializers.DateField()
    deadline = serializers.DateField()
    closes_on = serializers.DateField(allow_null=True)
    dhis2_period = serializers.CharField(allow_null=True, help_text=_("The period in DHIS2 notation (2022S1, 2022…)."))

    def to_representation(self, p):
        return {
            "id": p.pk,
            "report_type": p.report_type.code,
            "report_type_name": p.report_type.name,
            "period_kind": p.report_type.period_kind,
            "level": p.report_type.from_kind,
            "area": p.area.code,
            "year": p.year,
            "title": p.title,
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
            "opens_on": p.opens_on.isoformat(),
            "deadline": p.deadline.isoformat(),
            "closes_on": p.closes_on.isoformat() if p.closes_on else None,
            "dhis2_period": dhis2.period_iso(p.start, p.end),
        }


class BreakdownSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    confidential = serializers.BooleanField(help_text=_("Small figures of this cell are withheld (“< 3”)."))


class MappingSerializer(serializers.Serializer):
    key = serializers.CharField()
    data_element = serializers.CharField()
    category_option_combo = serializers.CharField()


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Code in the shape of Circular 13/2021 (group + number)."))
    name = serializers.CharField()
    unit = serializers.CharField()
    unit_label = serializers.CharField()
    group = serializers.CharField()
    source = serializers.CharField(help_text=_("registry, cases, plan, fund or typed."))
    source_label = serializers.CharField()
    breakdown = serializers.CharField(help_text=_("sex, age, circumstance, case_kind or empty."))
    breakdown_keys = BreakdownSerializer(many=True)
    at_most = serializers.CharField(allow_null=True, help_text=_("Code of the indicator this one may not exceed."))
    official_code = serializers.BooleanField(help_text=_("True when the code is quoted from Circular 13/2021."))
    note = serializers.CharField()
    dhis2 = MappingSerializer(many=True, help_text=_("DHIS2 data element per cell (key empty: the total)."))

    def to_representation(self, i):
        return {
            "code": i.code,
            "name": i.name,
            "unit": i.unit,
            "unit_label": str(i.get_unit_display()),
            "group": i.group,
            "source": i.source,
            "source_label": str(i.get_source_display()),
            "breakdown": i.breakdown,
            "breakdown_keys": [
                {
                    "key": key,
                    "label": str(label),
                    "confidential": cell_is_confidential(i, key, letters=self.context["letters"]),
                }
                for key, label in ind.breakdown_keys(i)
            ],
            "at_most": i.at_most.code if i.at_most_id else None,
            "official_code": i.official_code,
            "note": i.note,
            "dhis2": [
                {"key": m.key, "data_element": m.data_element, "category_option_combo": m.category_option_combo}
                for m in i.dhis2_mappings.all()
            ],
        }


class ValueSerializer(serializers.Serializer):
    area = serializers.CharField(help_text=_("Code of the reporting area."))
    area_name = serializers.CharField()
    area_kind = serializers.CharField()
    period = serializers.IntegerField(help_text=_("Id of the reporting period."))
    period_title = serializers.CharField()
    dhis2_period = serializers.CharField(allow_null=True)
    report_type = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    indicator = serializers.CharField(help_text=_("Code of the indicator."))
    key = serializers.CharField(help_text=_("Breakdown key; empty for the total."))
    value = serializers.IntegerField(allow_null=True, help_text=_("The figure; empty when withheld or not given."))
    withheld = serializers.BooleanField(help_text=_("True when the figure is fewer than 3 and withheld."))
    source = serializers.CharField(help_text=_("Where the figure came from (registry, cases, typed…)."))
    status = serializers.CharField(help_text=_("Status of the report: approved, submitted or accepted."))
    approved_at = serializers.DateTimeField(allow_null=True, help_text=_("When the chairman approved the report."))
    accepted_at = serializers.DateTimeField(allow_null=True, help_text=_("When the level above accepted the report."))

    def to_representation(self, v):
        sub, period = v.submission, v.submission.period
        shown = self.context["viewer"].figure(v)
        accepted = sel.accepted_at(sub)
        return {
            "area": sub.area.code,
            "area_name": sub.area.name,
            "area_kind": sub.area.kind,
            "period": period.pk,
            "period_title": period.title,
            "dhis2_period": dhis2.period_iso(period.start, period.end),
            "report_type": period.report_type.code,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "indicator": v.indicator.code,
            "key": v.key,
            "value": shown.value,
            "withheld": shown.withheld,
            "source": v.source,
            "status": sub.status,
            "approved_at": sub.approved_at.isoformat() if sub.approved_at else None,
            "accepted_at": accepted.isoformat() if accepted else None,
        }


class CompletenessSerializer(serializers.Serializer):
    period = serializers.IntegerField()
    title = serializers.CharField()
    report_type = serializers.CharField()
    area = serializers.CharField(help_text=_("Code of the area that receives the reports."))
    dhis2_period = serializers.CharField(allow_null=True)
    deadline = serializers.DateField()
    expected = serializers.IntegerField(help_text=_("Reports expected from the areas you see."))
    received = serializers.IntegerField(help_text=_("Reports sent at least once."))
    on_time = serializers.IntegerField(help_text=_("Reports first sent by the deadline."))
    accepted = serializers.IntegerField()
    completeness = serializers.IntegerField(help_text=_("Received ÷ expected, in per cent."))
    timeliness = serializers.IntegerField(help_text=_("On time ÷ expected, in per cent."))

    def to_representation(self, c):
        return {
            "period": c.period.pk,
            "title": c.period.title,
            "report_type": c.period.report_type.code,
            "area": c.period.area.code,
            "dhis2_period": c.dhis2_period,
            "deadline": c.period.deadline.isoformat(),
            "expected": c.expected,
            "received": c.received,
            "on_time": c.on_time,
            "accepted": c.accepted,
            "completeness": c.completeness,
            "timeliness": c.timeliness,
        }


class DataValueSerializer(serializers.Serializer):
    dataElement = serializers.CharField()  # noqa: N815 — DHIS2's field names
    period = serializers.CharField()
    orgUnit = serializers.CharField()  # noqa: N815
    categoryOptionCombo = serializers.CharField()  # noqa: N815
    attributeOptionCombo = serializers.CharField()  # noqa: N815
    value = serializers.CharField()
    storedBy = serializers.CharField()  # noqa: N815
    created = serializers.CharField()
    lastUpdated = serializers.CharField()  # noqa: N815
    comment = serializers.CharField()
    followup = serializers.BooleanField()


class DataValueSetSerializer(serializers.Serializer):
    dataValues = DataValueSerializer(many=True)  # noqa: N815
