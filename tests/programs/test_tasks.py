"""Each unit sees "my tasks" and updates only its own; the chairman approves the plan."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Unit
from programs.models import Assignment, Evidence, Plan

from .conftest import task_of

K = Unit.Kind
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def update(client, task, status="in_progress", note="Đã họp phụ huynh"):
    return client.post(reverse("programs:assignment_detail", args=[task.pk]), {"status": status, "note": note})


@pytest.mark.parametrize(
    ("username", "own_kind", "own_village", "other_kind", "other_village"),
    [
        ("truong", K.SCHOOL, None, K.HEALTH_STATION, None),
        ("yte", K.HEALTH_STATION, None, K.SCHOOL, None),
        ("thon1", K.VILLAGE, 0, K.VILLAGE, 1),
    ],
)
def test_unit_sees_and_updates_only_its_own_tasks(
    plan, world, client_for, username, own_kind, own_village, other_kind, other_village
):
    villages = world["villages"]
    own = task_of(plan, own_kind, villages[own_village] if own_village is not None else None)
    other = task_of(plan, other_kind, villages[other_village] if other_village is not None else None)
    client = client_for(username)
    mine = client.get(reverse("programs:my_tasks")).content.decode()
    assert own.task in mine and other.task not in mine
    home = client.get(reverse("home")).content.decode()
    assert own.task[:40] in home and other.task[:40] not in home
    assert update(client, own).status_code == 302
    own.refresh_from_db()
    assert own.status == Assignment.Status.IN_PROGRESS and "Đã họp phụ huynh" in own.progress
    assert own.history.first().history_user.username == username
    response = update(client, other, status="done")
    other.refresh_from_db()
    assert other.status == Assignment.Status.NOT_STARTED
    # Thôn 1 may not even read Thôn 2's... it reads the commune's plan, so the task is visible but not writable.
    assert response.status_code == 403


def test_tasks_of_another_commune_are_not_found(plan, client_for):
    task = task_of(plan, K.SCHOOL)
    assert client_for("vhxh2").get(reverse("programs:assignment_detail", args=[task.pk])).status_code == 404
    assert update(client_for("vhxh2"), task).status_code == 404


def test_culture_social_officer_updates_any_task_of_the_commune(plan, client_for):
    task = task_of(plan, K.POLICE)
    assert update(client_for("vhxh"), task, status="done").status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and task.done_on is not None


def test_overdue_task_shows_as_late(plan, client_for):
    task = task_of(plan, K.SCHOOL)
    assert task.shown_status(date(2022, 7, 1))[0] == "late"
    assert task.shown_status(date(2022, 6, 30))[0] == "not_started"
    body = client_for("truong").get(reverse("programs:my_tasks")).content.decode()
    assert "trễ hạn" in body  # today is long past 30/06/2022


def test_an_update_needs_a_note_or_a_new_status(plan, client_for):
    task = task_of(plan, K.SCHOOL)
    response = update(client_for("truong"), task, status="not_started", note="")
    assert response.status_code == 200
    assert "Hãy ghi" in response.content.decode()


def test_evidence_is_type_and_size_checked_and_served_in_scope(plan, client_for):
    task = task_of(plan, K.SCHOOL)
    url = reverse("programs:evidence_upload", args=[task.pk])
    client = client_for("truong")
    client.post(url, {"file": SimpleUploadedFile("anh.png", PNG, "image/png"), "caption": "Buổi tuyên truyền"})
    client.post(url, {"file": SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")})
    client.post(url, {"file": SimpleUploadedFile("virus.exe", b"MZ\x90\x00", "application/octet-stream")})
    big = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024)
    client.post(url, {"file": SimpleUploadedFile("big.pdf", big, "application/pdf")})
    assert list(Evidence.objects.values_list("original_name", flat=True)) == ["anh.png"]
    evidence = Evidence.objects.get()
    file_url = reverse("programs:evidence_file", args=[evidence.pk])
    response = client_for("vhxh").get(file_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG
    assert client_for("vhxh2").get(file_url).status_code == 404
    other = task_of(plan, K.HEALTH_STATION)
    upload = client.post(
        reverse("programs:evidence_upload", args=[other.pk]), {"file": SimpleUploadedFile("a.png", PNG, "image/png")}
    )
    assert upload.status_code == 403


def test_chairman_approves_the_plan_and_it_is_then_locked(plan, client_for):
    url = reverse("programs:plan_approve", args=[plan.pk])
    assert client_for("vhxh").post(url).status_code == 403
    assert client_for("vhxh2").post(url).status_code == 404
    response = client_for("chutich").post(url, {"signer_name": "Mai Việt Lào"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED and plan.approved_by.username == "chutich"
    assert plan.signer_name == "Mai Việt Lào"
    edit = client_for("vhxh").post(reverse("programs:plan_edit", args=[plan.pk]), {"year": 2022, "title": "Đổi tên"})
    assert "đã được phê duyệt" in edit.content.decode()
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch BVCSTE năm 2022"
    # Units still report progress on an approved plan.
    assert update(client_for("truong"), task_of(plan, K.SCHOOL)).status_code == 302


def test_next_years_plan_starts_as_a_copy(plan, client_for):
    response = client_for("vhxh").post(reverse("programs:plan_copy", args=[plan.pk]), {"year": 2023})
    new = Plan.objects.get(year=2023)
    assert response.status_code == 302 and new.status == Plan.Status.DRAFT and new.copied_from == plan
    assert new.targets.count() == plan.targets.count() and new.activities.count() == 2
    copied = Assignment.objects.filter(activity__plan=new)
    assert copied.count() == 5 and {a.due_date for a in copied} == {date(2023, 6, 30)}
    assert {a.status for a in copied} == {"not_started"}
    again = client_for("vhxh").post(reverse("programs:plan_copy", args=[plan.pk]), {"year": 2023}, follow=True)
    assert "đã có kế hoạch" in again.content.decode()


def test_plan_page_and_my_tasks_do_not_grow_in_queries(plan, world, vhxh, client_for, django_assert_max_num_queries):
    from programs import services

    client = client_for("vhxh")
    url = reverse("programs:plan_detail", args=[plan.pk])
    client.get(url)
    with django_assert_max_num_queries(60) as ctx:
        client.get(url)
    baseline = len(ctx.captured_queries)
    activity = plan.activities.first()
    unit = Unit.objects.get(commune=world["commune"], kind=K.SCHOOL)
    for n in range(15):
        services.assignment_save(assignment=Assignment(activity=activity, unit=unit, task=f"Việc {n}"), user=vhxh)
    with django_assert_max_num_queries(baseline) as ctx:
        client.get(url)
    tasks_client = client_for("truong")
    tasks_client.get(reverse("programs:my_tasks"))
    with django_assert_max_num_queries(15):
        tasks_client.get(reverse("programs:my_tasks"))
