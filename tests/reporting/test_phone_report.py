"""The village report as a phone shows it: the figures to type first, each with the value typed for
the previous period of the same report, and the computed figures folded below as a list."""

import re

import pytest
from django.urls import reverse

from reporting import services
from reporting.models import Period

from .conftest import at, typed_values

pytestmark = pytest.mark.django_db


def test_each_typed_figure_shows_the_previous_periods_value(world, cal, client_for, user_named):
    v1, thon1 = world["villages"][0], user_named("thon1")
    sub = services.submission_save(
        period=cal["v6"],
        area=v1,
        user=thon1,
        values=typed_values(cal["v6"], v1, **{"0702": 80}),
        now=at(2022, 5, 3),
    )
    services.submission_submit(submission=sub, user=thon1, now=at(2022, 5, 3))
    services.calendar_create_year(area=world["commune"], year=2023, user=user_named("vhxh"))
    next_period = Period.objects.get(area=world["commune"], year=2023, report_type__code="village-6m")

    body = client_for("thon1").get(reverse("reporting:report", args=[next_period.pk, v1.pk])).content.decode()
    previous = re.search(r'id="id_v-0702-total-prev">([^<]*)<', body).group(1)
    assert previous.strip() == "Kỳ trước: 80"
    # the computed figures come after the typed ones, folded
    assert body.index('name="v-0702-total"') < body.index('<details class="report-computed')
    assert "<table" not in body.split('<details class="report-computed')[0].split("<main")[1]


def test_the_first_period_has_no_previous_value(world, cal, client_for):
    body = client_for("thon1").get(reverse("reporting:report", args=[cal["v6"].pk, world["villages"][0].pk]))
    assert re.search(r'id="id_v-0702-total-prev">\s*Kỳ trước: —', body.content.decode())
