"""The access log: a row for each opening of a profile (who, when, which child, from which address),
shown on the profile to the officer, the chairman and the district; the log page scoped like the
registry, with confidential rows only for those who see confidential facts; append-only."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.utils import DatabaseError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.audit import log_access
from accounts.models import AccessLog, User

from .test_need_to_know import _surfaces, secret  # noqa: F401  (the need-to-know world and its surfaces)

pytestmark = pytest.mark.django_db


def user(name):
    return User.objects.get(username=name)


@pytest.mark.parametrize("username", ["vhxh", "thon1", "chutich", "yte", "tuphap", "truong", "huyen"])
def test_every_opening_of_a_profile_is_logged_with_who_which_child_and_the_address(kids, client_for, username):
    child = kids["older"]
    client = client_for(username)
    client.get(reverse("children:detail", args=[child.pk]), REMOTE_ADDR="192.168.1.23")
    client.get(reverse("children:detail", args=[child.pk]), REMOTE_ADDR="192.168.1.23")
    rows = AccessLog.objects.filter(subject_type="children.child", subject_id=child.pk)
    assert rows.count() == 2
    row = rows.first()
    assert (row.user, row.action, row.what, row.area, row.ip_address) == (
        user(username),
        "view",
        "children.profile",
        child.village,
        "192.168.1.23",
    )


def test_a_profile_outside_the_scope_is_not_logged(kids, client_for):
    assert client_for("thon2").get(reverse("children:detail", args=[kids["older"].pk])).status_code == 404
    assert client_for("ketoan").get(reverse("children:detail", args=[kids["older"].pk])).status_code == 404
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize(
    ("username", "shown"), [("vhxh", True), ("chutich", True), ("huyen", True), ("thon1", False), ("yte", False)]
)
def test_who_opened_this_record_is_shown_to_the_officer_chairman_and_district(kids, client_for, username, shown):
    child = kids["older"]
    client_for("yte").get(reverse("children:detail", args=[child.pk]))
    page = client_for(username).get(reverse("children:detail", args=[child.pk])).content.decode()
    assert ("Ai đã mở hồ sơ này" in page) is shown
    if shown:
        panel = page.split("Ai đã mở hồ sơ này", 1)[1]
        assert "Vi Thị Thu" in panel  # the health station's visit is listed


@pytest.fixture
def logged(kids, world):
    """Profile openings in Y Tịch and Hòa Bình, a confidential case-file opening in Y Tịch."""
    log_access(
        None,
        user=user("yte"),
        what="children.profile",
        action="view",
        area=kids["older"].village,
        subject=kids["older"],
    )
    log_access(
        None,
        user=user("vhxh2"),
        what="children.profile",
        action="view",
        area=kids["other"].village,
        subject=kids["other"],
    )
    log_access(
        None, user=user("congan"), what="cases.case_file", action="view", area=world["commune"], confidential=True
    )
    return kids


@pytest.mark.parametrize(
    ("username", "children", "confidential"),
    [
        ("huyen", {"Lục Thị Lớn", "Đặng Văn Xa"}, False),  # the district: every commune below it, no case files
        ("vhxh", {"Lục Thị Lớn"}, True),
        ("chutich", {"Lục Thị Lớn"}, True),
        ("vhxh2", {"Đặng Văn Xa"}, False),
    ],
)
def test_the_log_page_shows_each_reader_the_rows_of_their_areas(logged, client_for, username, children, confidential):
    page = client_for(username).get(reverse("children:access_log")).content.decode()
    assert {name for name in ("Lục Thị Lớn", "Đặng Văn Xa") if name in page} == children
    assert ("hồ sơ vụ việc bảo vệ trẻ em" in page) is confidential


@pytest.mark.parametrize("username", ["thon1", "yte", "ketoan", "congan", "doanxa"])
def test_the_log_page_is_refused_to_roles_without_the_right(logged, client_for, username):
    assert client_for(username).get(reverse("children:access_log")).status_code == 403


def test_an_export_filtered_on_a_confidential_group_is_a_confidential_row(kids, world, client_for):
    client_for("vhxh").get(reverse("children:export"), {"group": "l"})
    client_for("vhxh").get(reverse("children:export"), {"group": "a"})
    rows = {row.filters["group"]: row.confidential for row in AccessLog.objects.filter(what="children.registry")}
    assert rows == {"l": True, "a": False}
    district = client_for("huyen").get(reverse("children:access_log")).content.decode()
    assert "group: a" in district and "group: l" not in district


def test_the_log_page_filters_by_area_and_action_and_its_queries_do_not_grow_with_rows(logged, world, client_for):
    client = client_for("huyen")
    page = client.get(reverse("children:access_log"), {"area": world["commune2"].pk}).content.decode()
    assert "Đặng Văn Xa" in page and "Lục Thị Lớn" not in page
    assert "Lục Thị Lớn" not in client.get(reverse("children:access_log"), {"action": "print"}).content.decode()

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("children:access_log")).status_code == 200
        return len(ctx)

    few = queries()
    for child in logged.values():
        for _ in range(15):
            log_access(
                None, user=user("yte"), what="children.profile", action="view", area=child.village, subject=child
            )
    assert queries() == few


def test_the_log_cannot_be_changed_or_deleted(logged):
    row = AccessLog.objects.first()
    row.what = "something else"
    for attempt in (row.save, row.delete, lambda: AccessLog.objects.update(what="x"), AccessLog.objects.all().delete):
        with pytest.raises(PermissionDenied):
            attempt()
    assert AccessLog.objects.count() == 3


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgres_refuses_even_raw_updates_and_deletes_of_the_log(logged):
    from django.db import transaction

    for sql in ("UPDATE accounts_accesslog SET what = 'x'", "DELETE FROM accounts_accesslog"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AccessLog.objects.count() == 3


# Surfaces of the need-to-know tests that carry personal data out of a page: each answer is one log row.
LOGGED_SURFACES = {
    "profile": "children.profile",
    "export filtered by group l": "children.registry",
    "export": "children.registry",
    "officers' list export": "children.list.unsupported",
    "village report pdf": "reporting.submission_pdf",
    "village report xlsx": "reporting.submission_xlsx",
}


@pytest.mark.parametrize("username", ["vhxh", "chutich", "thon1", "yte", "tuphap", "truong", "huyen", "ketoan"])
def test_every_profile_view_print_and_export_of_the_need_to_know_surfaces_is_one_log_row(
    username, world, client_for, request
):
    world_of_secrets = request.getfixturevalue("secret")
    client = client_for(username)
    answered = 0
    for name, url, params in _surfaces(world, world_of_secrets):
        before = AccessLog.objects.count()
        response = client.get(url, params)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        new = list(AccessLog.objects.order_by("-pk")[: AccessLog.objects.count() - before])
        if response.status_code == 200 and name in LOGGED_SURFACES:
            answered += 1
            assert [(row.user.username, row.what) for row in new] == [(username, LOGGED_SURFACES[name])], name
        else:
            assert new == [], f"{name} answered {response.status_code} and logged {new}"
    assert answered or username == "ketoan"  # the accountant opens none of them
