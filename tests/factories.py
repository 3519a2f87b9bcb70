"""Small builders for test data. Each takes keyword overrides and saves through the real models."""

from datetime import date
from itertools import count

from accounts.models import User
from children.models import Child, Ethnicity, Guardian
from children.privacy.models import Purpose
from children.privacy.services import consent_record
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


def consent_to(child: Child, purpose_code: str, *, on: date, agreed: bool = True, user=None):
    """The written consent of the child's mother (added as a guardian when the child has none) to a purpose."""
    guardian = child.guardians.first() or Guardian.objects.create(
        child=child, full_name="Hoàng Thị Mẹ", relation=Guardian.Relation.MOTHER, is_primary=True
    )
    return consent_record(
        child=child,
        purposes=[Purpose.objects.get(code=purpose_code)],
        guardian=guardian,
        given_on=on,
        child_agreed=agreed,
        user=user or User.objects.get(username="vhxh"),
    )[0]
