"""Demo DHIS2 mapping (synthetic identifiers): every indicator cell and every demo area gets a
made-up DHIS2 identifier, so ``/api/v1/dataValueSets.json?period=2022S1`` shows a full file.
A real province replaces them in the administration with the identifiers of its DHIS2 instance.

Idempotent: cells and areas already mapped are left alone.
"""

import hashlib
import string

from django.db import transaction

from accounts.models import Area
from reporting.indicators import breakdown_keys
from reporting.models import Indicator

from .models import DataElementMapping, OrgUnitMapping

ALPHABET = string.ascii_letters + string.digits


def demo_uid(seed: str) -> str:
    """A DHIS2-shaped identifier (11 characters, a letter first) derived from ``seed``."""
    digest = hashlib.sha256(seed.encode()).digest()
    return string.ascii_letters[digest[0] % 52] + "".join(ALPHABET[b % 62] for b in digest[1:11])


@transaction.atomic
def seed(*, context: dict, stdout=None) -> dict:
    mapped = set(DataElementMapping.objects.values_list("indicator_id", "key"))
    new = []
    for indicator in Indicator.objects.all():
        element = demo_uid(f"de:{indicator.code}")
        for key in ["", *dict(breakdown_keys(indicator))]:
            if (indicator.pk, key) in mapped:
                continue
            combo = demo_uid(f"coc:{indicator.breakdown}:{key}") if key else ""
            new.append(
                DataElementMapping(indicator=indicator, key=key, data_element=element, category_option_combo=combo)
            )
    DataElementMapping.objects.bulk_create(new)
    areas = Area.objects.filter(kind__in=[Area.Kind.COMMUNE, Area.Kind.VILLAGE]).exclude(dhis2_org_unit__isnull=False)
    units = [OrgUnitMapping(area=area, org_unit=demo_uid(f"ou:{area.code}")) for area in areas]
    OrgUnitMapping.objects.bulk_create(units)
    if stdout:
        stdout.write(f"  api: {len(new)} DHIS2 data element cells and {len(units)} org units mapped (demo identifiers)")
    return {}
