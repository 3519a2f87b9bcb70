"""The main pages stay cheap on the demo: an upper bound on the queries each one makes (issue 12,
item 8). Times are measured by ``make bench`` (page-time table); here only what cannot drift
unnoticed: the number of queries, which does not grow with the rows a page shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.demo_world import demo  # noqa: F401  (the fixture)

# (user, path, most queries). Home: session, user and memberships, then each panel's figures. The demo
# holds the 2025 reform, so the commune's people have two memberships (before and after it).
BOUNDS = [
    ("vhxh", "/", 75),
    ("chutich", "/", 57),
    ("huyen", "/", 46),
    ("thon1", "/", 48),
    ("ketoan", "/", 58),
    ("vhxh", "/children/", 14),
    ("huyen", "/children/", 15),
    ("vhxh", "/reporting/", 18),
    ("huyen", "/reporting/", 18),
    ("vhxh", "/funds/", 10),
    ("vhxh", "/programs/", 9),
    ("vhxh", "/children/cases/", 10),
    ("vhxh", "/children/dashboard/", 21),
]


@pytest.mark.parametrize(("username", "path", "most"), BOUNDS, ids=[f"{u} {p}" for u, p, _m in BOUNDS])
def test_main_pages_make_few_queries(demo, db, client_for, username, path, most):  # noqa: F811
    client = client_for(username)
    client.get(path)  # the first request of a session may set things up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert len(queries) <= most, "\n".join(q["sql"][:400] for q in queries.captured_queries)


def test_a_plan_reads_the_case_figures_once(demo, db, monkeypatch):  # noqa: F811
    """Two targets of the plan (abuse helped in time, child labour with a plan) read the same case
    figures: measuring the plan reads them once, and both targets still get their own pair."""
    from programs import selectors
    from programs.models import Plan

    calls = []
    real = selectors.case_figures
    monkeypatch.setattr(selectors, "case_figures", lambda **kw: calls.append(kw) or real(**kw))
    plan = Plan.objects.order_by("-year").first()
    measures = {t.indicator: m for t, m in selectors.plan_targets_with_measures(plan)}
    assert len(calls) == 1
    for indicator in selectors.CASE_INDICATORS & set(measures):
        figures = real(**calls[0])
        assert (measures[indicator].numerator, measures[indicator].denominator) == selectors.CASE_TARGETS[indicator](
            figures
        )
