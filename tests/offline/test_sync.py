"""The endpoint to which a phone sends its drafts: each draft is judged like the report page's own
submission (scope, validation, state) and processed once, whatever the number of times it arrives."""

import json
import uuid

import pytest

from offline.models import ProcessedDraft
from reporting.models import Submission
from tests.programs.conftest import K, task_of
from tests.reporting.conftest import typed_values

pytestmark = pytest.mark.django_db


def report_url(period, village):
    return f"/reporting/periods/{period.pk}/areas/{village.pk}/"


def send(client, *, draft_uuid, url, data, action="submit", base=None):
    body = {
        "uuid": str(draft_uuid),
        "kind": "report",
        "payload": {"url": url, "data": data, "action": action, "base": base or {"state": "none", "updated": ""}},
    }
    response = client.post("/offline/sync/", json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    return response.json()


def test_a_draft_sent_twice_is_submitted_once_and_answered_the_same(world, open_period, client_for):
    village = world["villages"][0]
    client = client_for("thon1")
    key = uuid.uuid4()
    data = {**typed_values(open_period, village), "results": "Họp thôn"}
    first = send(client, draft_uuid=key, url=report_url(open_period, village), data=data)
    again = send(client, draft_uuid=key, url=report_url(open_period, village), data=data)
    assert first["outcome"] == "done" and first["message"] == "Đã nộp báo cáo."
    assert again["outcome"] == "done" and again["repeated"] is True
    submission = Submission.objects.get(period=open_period, area=village)
    assert submission.status == Submission.Status.SUBMITTED and submission.times_submitted == 1
    assert ProcessedDraft.objects.filter(uuid=key).count() == 1


def test_a_draft_for_another_village_is_refused_and_saves_nothing(world, open_period, client_for):
    village = world["villages"][0]
    answer = send(
        client_for("thon2"),
        draft_uuid=uuid.uuid4(),
        url=report_url(open_period, village),
        data=typed_values(open_period, village),
    )
    assert answer["outcome"] == "refused"
    assert not Submission.objects.filter(period=open_period, area=village).exists()


def test_a_draft_with_a_wrong_figure_is_refused_naming_the_figure(world, open_period, client_for):
    village = world["villages"][0]
    data = typed_values(open_period, village)
    name = next(iter(data))
    data[name] = "-4"
    answer = send(client_for("thon1"), draft_uuid=uuid.uuid4(), url=report_url(open_period, village), data=data)
    assert answer["outcome"] == "refused"
    assert answer["message"].split(":")[0][:4].isdigit()  # starts with the indicator's code
    assert not Submission.objects.filter(period=open_period, area=village).exists()


def test_a_draft_of_a_report_submitted_meanwhile_is_a_conflict(world, open_period, client_for):
    village = world["villages"][0]
    client = client_for("thon1")
    data = typed_values(open_period, village)
    send(client, draft_uuid=uuid.uuid4(), url=report_url(open_period, village), data=data)  # from another phone
    answer = send(client, draft_uuid=uuid.uuid4(), url=report_url(open_period, village), data=data)
    assert answer["outcome"] == "conflict"
    assert "đã được nộp" in answer["message"]
    assert Submission.objects.get(period=open_period, area=village).times_submitted == 1


def test_a_uuid_of_another_user_is_not_answered_with_their_result(world, open_period, client_for):
    village = world["villages"][0]
    key = uuid.uuid4()
    send(
        client_for("thon1"),
        draft_uuid=key,
        url=report_url(open_period, village),
        data=typed_values(open_period, village),
    )
    answer = send(client_for("thon2"), draft_uuid=key, url=report_url(open_period, village), data={})
    assert answer["outcome"] == "refused" and "url" not in answer


def test_the_service_worker_is_served_from_the_root_with_the_app_manifest(client):
    sw = client.get("/sw.js")
    assert sw.status_code == 200 and sw["Service-Worker-Allowed"] == "/"
    assert "ytich-pages" in sw.content.decode()
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["lang"] == "vi" and manifest["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}


def site_data(village, **extra):
    return {
        "village": str(village.pk),
        "name": "Ao nhà ông Tám",
        "kind": "pond",
        "risk": "high",
        "location": "Đầu thôn",
        **extra,
    }


def test_a_risk_site_typed_offline_is_recorded_once(world, client_for):
    from programs.models import RiskSite

    village = world["villages"][0]
    client = client_for("thon1")
    key = uuid.uuid4()
    body = {"uuid": str(key), "kind": "site", "payload": {"url": "/programs/sites/new/", "data": site_data(village)}}
    for _ in range(2):
        answer = client.post("/offline/sync/", json.dumps(body), content_type="application/json").json()
        assert answer["outcome"] == "done", answer
    assert RiskSite.objects.filter(name="Ao nhà ông Tám", village=village).count() == 1


def test_a_risk_site_in_another_village_is_refused(world, client_for):
    from programs.models import RiskSite

    body = {
        "uuid": str(uuid.uuid4()),
        "kind": "site",
        "payload": {"url": "/programs/sites/new/", "data": site_data(world["villages"][1])},
    }
    answer = client_for("thon1").post("/offline/sync/", json.dumps(body), content_type="application/json").json()
    assert answer["outcome"] == "refused" and answer["message"].startswith("Thôn")
    assert not RiskSite.objects.filter(name="Ao nhà ông Tám").exists()


def task_draft(task, *, updated, status="in_progress"):
    return {
        "uuid": str(uuid.uuid4()),
        "kind": "task",
        "payload": {
            "url": f"/programs/tasks/{task.pk}/",
            "data": {"status": status, "note": "Đã họp phụ huynh (ngoại tuyến)"},
            "base": {"state": task.status, "updated": updated},
        },
    }


def test_a_task_updated_offline_is_recorded_unless_updated_meanwhile(world, plan, client_for):
    from django.utils import timezone

    from programs.models import Assignment

    task = task_of(plan, K.VILLAGE, world["villages"][0])
    client = client_for("thon1")
    seen = timezone.localtime(task.updated_at).isoformat()  # as the page's data-updated gives it
    answer = client.post("/offline/sync/", json.dumps(task_draft(task, updated=seen)), content_type="application/json")
    assert answer.json()["outcome"] == "done"
    task.refresh_from_db()
    assert task.status == Assignment.Status.IN_PROGRESS and "ngoại tuyến" in task.progress
    # a second draft typed on the same old copy of the page is a conflict, and changes nothing
    stale = task_draft(task, updated=seen, status="done")
    answer = client.post("/offline/sync/", json.dumps(stale), content_type="application/json").json()
    assert answer["outcome"] == "conflict"
    task.refresh_from_db()
    assert task.status == Assignment.Status.IN_PROGRESS


def test_another_villages_task_is_refused(world, plan, client_for):
    task = task_of(plan, K.VILLAGE, world["villages"][1])
    draft = task_draft(task, updated=task.updated_at.isoformat())
    answer = client_for("thon1").post("/offline/sync/", json.dumps(draft), content_type="application/json").json()
    assert answer["outcome"] == "refused"


def child_draft(data):
    return json.dumps({"uuid": str(uuid.uuid4()), "kind": "child", "payload": {"url": "/children/new/", "data": data}})


def test_a_child_registered_offline_is_registered_like_on_the_page(world, client_for):
    """The officer's offline registration is the page's (a head's is a draft: test_reported_child)."""
    from children.models import Child
    from tests.children.test_register import form_data

    client = client_for("vhxh")
    answer = client.post("/offline/sync/", child_draft(form_data(world)), content_type="application/json").json()
    assert answer["outcome"] == "done"
    child = Child.objects.get(full_name="Lò Văn Mới")
    assert child.village == world["villages"][0] and child.guardians.count() == 1
    # the same child typed again on another phone: a possible duplicate, refused with the page's message
    again = client.post("/offline/sync/", child_draft(form_data(world)), content_type="application/json").json()
    assert again["outcome"] == "refused"
    assert Child.objects.filter(full_name="Lò Văn Mới").count() == 1
    # and never into another commune's village
    other = form_data(world, full_name="Lò Thị Khác", village=world["village2"].pk)
    answer = client.post("/offline/sync/", child_draft(other), content_type="application/json").json()
    assert answer["outcome"] == "refused" and not Child.objects.filter(full_name="Lò Thị Khác").exists()
