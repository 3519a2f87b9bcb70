"""The Children's Forum rules of Circular 29/2019 and the child-friendly assessment verdict."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Area
from programs import services
from programs.models import Assessment, CriterionScore, Forum
from programs.selectors import assessment_verdict
from tests.factories import consent_to, make_child


@pytest.fixture
def pupils(world):
    """40 children aged 11–12 in 2022, each with the written consent of a parent (and their own) to the forum."""
    kids = [
        make_child(village=world["villages"][n % 8], date_of_birth=date(2010, 1 + n % 12, 1 + n % 28))
        for n in range(40)
    ]
    for child in kids:
        consent_to(child, "forum", on=date(2022, 7, 1))
    return kids


def forum_post(pupils, n, **over):
    data = {"date": "20/07/2022", "topic": "Trẻ em phòng, chống đuối nước", "children": [c.pk for c in pupils[:n]],
            "consent": "on", "consent_on": "10/07/2022", "minders": 8, "volunteers": 3, "guests": 10}  # fmt: skip
    data.update(over)
    return data


@pytest.mark.parametrize(
    ("n", "over", "reason"),
    [
        (29, {}, "ít nhất 30 trẻ em; đã chọn 29"),
        (36, {"minders": 7}, "ít nhất 8 người phụ trách"),
        (36, {"volunteers": 4}, "tình nguyện viên tối đa bằng một phần mười"),
        (36, {"guests": 13}, "khách mời tối đa bằng một phần ba"),
    ],
)
def test_forum_form_refuses_a_forum_that_breaks_the_circular_with_the_reason(plan, pupils, client_for, n, over, reason):
    response = client_for("vhxh").post(reverse("programs:forum_create", args=[plan.pk]), forum_post(pupils, n, **over))
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not Forum.objects.exists()


def test_forum_at_the_limits_is_recorded_with_ages_and_consent(plan, pupils, client_for):
    # 30 children: 6 minders, 3 volunteers, 10 guests are exactly allowed.
    response = client_for("vhxh").post(
        reverse("programs:forum_create", args=[plan.pk]), forum_post(pupils, 30, minders=6, volunteers=3, guests=10)
    )
    forum = Forum.objects.get()
    assert response.status_code == 302
    assert forum.participants.count() == 30 and all(p.consent for p in forum.participants.all())
    assert forum.participants.get(child=pupils[0]).age == 12


def test_forum_without_written_consent_is_refused(plan, pupils, client_for):
    data = forum_post(pupils, 36)
    del data["consent"]
    client_for("vhxh").post(reverse("programs:forum_create", args=[plan.pk]), data)
    assert not Forum.objects.exists()


def test_forum_service_enforces_the_rules_too(plan, pupils, vhxh):
    with pytest.raises(ValidationError) as exc:
        services.forum_create(plan=plan, user=vhxh, date=date(2022, 7, 20), topic="x", children=pupils[:10],
                              minders=1, volunteers=2, guests=4, consent_on=date(2022, 7, 1))  # fmt: skip
    assert len(exc.value.messages) == 4
    assert not Forum.objects.exists()


def test_only_the_culture_social_officer_records_a_forum(plan, client_for):
    assert client_for("chutich").get(reverse("programs:forum_create", args=[plan.pk])).status_code == 403
    assert client_for("vhxh2").get(reverse("programs:forum_create", args=[plan.pk])).status_code == 404


def make_assessment(world, vhxh, scores, *, met=True, terrain=Area.Terrain.MOUNTAINOUS):
    commune = world["commune"]
    commune.terrain = terrain
    commune.save(update_fields=["terrain"])
    assessment = Assessment.objects.create(commune=commune, year=2022)
    maxima = [100, 50, 100, 50, 100, 125, 50, 75, 50, 100, 75, 75, 50]
    for n, (score, max_score) in enumerate(zip(scores, maxima, strict=True), 1):
        CriterionScore.objects.create(assessment=assessment, number=n, max_score=max_score, score=score, met=met)
    return assessment


# 13 scores adding up to 800 with none at 0
AT_800 = [80, 40, 80, 40, 80, 100, 40, 60, 40, 80, 60, 60, 40]


def test_assessment_verdict_at_the_thresholds(world, vhxh):
    assert sum(AT_800) == 800
    at = make_assessment(world, vhxh, AT_800)
    v = assessment_verdict(at)
    assert (v["total"], v["threshold"], v["recognised"]) == (800, 800, True)
    at.scores.filter(number=1).update(score=79)
    v = assessment_verdict(Assessment.objects.get(pk=at.pk))
    assert (v["total"], v["recognised"]) == (799, False)


def test_a_zero_criterion_or_an_unmet_one_fails_whatever_the_total(world, vhxh):
    zero = make_assessment(world, vhxh, [0, 50, 100, 50, 100, 125, 50, 75, 50, 100, 75, 75, 50])
    v = assessment_verdict(zero)
    assert v["total"] == 900 and v["zero"] == [1] and not v["recognised"]
    zero.delete()
    unmet = make_assessment(world, vhxh, [100, 50, 100, 50, 100, 125, 50, 75, 50, 100, 75, 75, 50], met=False)
    assert not assessment_verdict(unmet)["recognised"]


@pytest.mark.parametrize(("terrain", "threshold"), [(Area.Terrain.RURAL, 850), (Area.Terrain.URBAN, 900)])
def test_other_communes_and_wards_need_more_points(world, vhxh, terrain, threshold):
    a = make_assessment(world, vhxh, [s + 5 for s in AT_800], terrain=terrain)  # 865
    v = assessment_verdict(a)
    assert v["threshold"] == threshold and v["recognised"] is (threshold <= 865)


def test_assessment_is_started_prefilled_and_saved_whole(plan, world, client_for):
    v1 = world["villages"][0]
    for n in range(4):
        make_child(village=v1, date_of_birth=date(2015, 1, 1 + n))
    client = client_for("vhxh")
    response = client.post(reverse("programs:assessment_list"), {"commune": world["commune"].pk, "year": 2022})
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and assessment.scores.count() == 13
    assert assessment.scores.get(number=2).measured.startswith("0/4")  # no birth registered
    url = reverse("programs:assessment_detail", args=[assessment.pk])
    data = {f"score-{n}": s for n, s in enumerate(AT_800, 1)} | {f"met-{n}": "on" for n in range(1, 14)}
    data["score-6"] = "130"  # above the maximum of 125: nothing is saved
    page = client.post(url, data).content.decode()
    assert "tối đa 125 điểm" in page
    assert sum(assessment.scores.values_list("score", flat=True)) < 800
    data["score-6"] = "100"
    client.post(url, data)
    assert assessment_verdict(Assessment.objects.get())["recognised"]
    assert client_for("chutich").post(url, data).status_code == 403
