"""The area tree, units and memberships keep themselves consistent."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Area, Membership, Unit


def test_area_path_is_built_from_codes(world):
    village = world["villages"][0]
    assert village.path == "/20/187/YT/YT01/"
    assert [a.name for a in village.ancestors()] == ["Lạng Sơn", "Chi Lăng", "Y Tịch", "Thôn 1"]
    assert village.ancestor_of_kind(Area.Kind.COMMUNE) == world["commune"]


def test_village_needs_a_commune_parent(world):
    area = Area(kind=Area.Kind.VILLAGE, code="X1", name="Thôn lạc", parent=world["district"])
    with pytest.raises(ValidationError) as exc:
        area.full_clean()
    assert "parent" in exc.value.message_dict


def test_code_of_existing_area_cannot_change(world):
    commune = world["commune"]
    commune.code = "YT-NEW"
    with pytest.raises(ValidationError):
        commune.full_clean()


def test_2025_reorganisation_is_recorded_without_losing_history(world):
    """Districts closed on 30/6/2025; a merged commune hangs directly under the province."""
    merged = Area(
        kind=Area.Kind.COMMUNE, code="VL2025", name="Vạn Linh", parent=world["province"], valid_from=date(2025, 7, 1)
    )
    merged.full_clean()
    merged.save()
    assert world["district"].is_valid_on(date(2022, 5, 10))
    assert not world["district"].is_valid_on(date(2025, 7, 1))
    assert merged.is_valid_on(date(2026, 1, 1)) and not merged.is_valid_on(date(2022, 1, 1))
    assert world["commune"].ancestor_of_kind(Area.Kind.DISTRICT) == world["district"]


def test_village_head_must_sit_in_a_village(world, user_named):
    m = Membership(user=user_named("vhxh"), role=Membership.Role.VILLAGE_HEAD, area=world["commune"])
    with pytest.raises(ValidationError) as exc:
        m.full_clean()
    assert "area" in exc.value.message_dict


def test_school_role_needs_its_unit(world, user_named):
    m = Membership(user=user_named("vhxh"), role=Membership.Role.SCHOOL, area=world["commune"])
    with pytest.raises(ValidationError) as exc:
        m.full_clean()
    assert "unit" in exc.value.message_dict


def test_unit_of_another_commune_is_refused(world, user_named):
    other_unit = Unit.objects.filter(commune=world["commune2"], kind=Unit.Kind.SCHOOL).get()
    m = Membership(user=user_named("truong"), role=Membership.Role.SCHOOL, area=world["commune"], unit=other_unit)
    with pytest.raises(ValidationError):
        m.full_clean()


def test_village_unit_needs_its_village(world):
    unit = Unit(commune=world["commune"], kind=Unit.Kind.VILLAGE, name="Thôn X")
    with pytest.raises(ValidationError):
        unit.full_clean()


def test_changes_to_areas_are_recorded(world):
    commune = world["commune"]
    commune.name = "Y Tịch (mới)"
    commune.save()
    assert commune.history.count() == 2
    assert commune.history.first().name == "Y Tịch (mới)"
