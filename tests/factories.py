"""Small builders for test data. Each takes keyword overrides and saves through the real models."""

from datetime import date
from itertools import count

from children.models import Child, Ethnicity
from children.services import child_derive_keys, residences_follow

_seq = count(1)


def make_child(
    *, village, full_name=None, date_of_birth=date(2018, 3, 14), sex="F", ethnicity_code="02", **extra
) -> Child:
    """A child in ``village`` (Tày by default, born 14/03/2018), in the registry (and the village) since birth
    unless ``registered_on`` is given."""
    extra.setdefault("registered_on", date_of_birth)
    child = Child(
        full_name=full_name or f"Hoàng Thị Thử {next(_seq)}",
        date_of_birth=date_of_birth,
        sex=sex,
        ethnicity=Ethnicity.objects.get(code=ethnicity_code),
        village=village,
        **extra,
    )
    child_derive_keys(child)
    child.full_clean()
    child.save()
    residences_follow([child], on=child.registered_on)
    return child
