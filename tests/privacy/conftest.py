"""Privacy test world: children of Thôn 1 (a 4-year-old and a 10-year-old), of Thôn 2 and of Hòa Bình,
each with a mother as guardian; ages are counted from today, so the rules hold whatever the date."""

from datetime import date

import pytest
from django.utils import timezone

from children.models import Guardian, years_before
from children.privacy.models import Purpose
from tests.factories import make_child


def today() -> date:
    return timezone.localdate()


def with_mother(child, name="Hoàng Thị Mẹ"):
    Guardian.objects.create(child=child, full_name=name, relation=Guardian.Relation.MOTHER, is_primary=True)
    return child


@pytest.fixture
def kids(world):
    v1, v2 = world["villages"][0], world["villages"][1]
    born = lambda years: years_before(today(), years) - timezone.timedelta(days=30)  # noqa: E731
    return {
        "young": with_mother(make_child(village=v1, full_name="Nông Văn Nhỏ", date_of_birth=born(4))),
        "older": with_mother(make_child(village=v1, full_name="Lục Thị Lớn", date_of_birth=born(10))),
        "thon2": with_mother(make_child(village=v2, full_name="Vi Thị Hai", date_of_birth=born(9))),
        "other": with_mother(make_child(village=world["village2"], full_name="Đặng Văn Xa", date_of_birth=born(8))),
    }


@pytest.fixture
def purpose():
    return lambda code: Purpose.objects.get(code=code)
