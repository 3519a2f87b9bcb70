"""Registry test world: children in Thôn 1, Thôn 2 and in Hòa Bình (another commune)."""

from datetime import date

import pytest

from tests.factories import make_child


@pytest.fixture
def kids(world):
    """``an`` and ``binh`` in Thôn 1, ``chi`` in Thôn 2, ``dung`` in Hòa Bình's Thôn Bản Trang."""
    v1, v2 = world["villages"][0], world["villages"][1]
    return {
        "an": make_child(village=v1, full_name="Nguyễn Văn An", sex="M", date_of_birth=date(2019, 5, 2)),
        "binh": make_child(village=v1, full_name="Hoàng Thị Bình", date_of_birth=date(2012, 1, 20)),
        "chi": make_child(village=v2, full_name="Lương Thị Chi", date_of_birth=date(2016, 9, 9), ethnicity_code="07"),
        "dung": make_child(
            village=world["village2"], full_name="Đặng Văn Dũng", sex="M", date_of_birth=date(2015, 2, 2)
        ),
    }
