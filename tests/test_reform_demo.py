"""The demo's 2025 reform leaves 2022 exactly as it was: figures, report cells and PDFs."""

import re
from datetime import date
from importlib import import_module
from io import BytesIO

from django.conf import settings
from django.db import connection
from pypdf import PdfReader

from accounts import scope
from accounts.models import Area, Membership, User
from children import figures
from children.cases.figures import case_figures
from funds import figures as fund_figures
from funds.models import Fund
from reporting import exports, reform_demo
from reporting import selectors as sel
from reporting.models import Period, Submission

Y2022 = (date(2022, 1, 1), date(2022, 12, 31))


def seed_2022() -> dict:
    context: dict = {}
    for app in settings.PORTAL_APPS:
        try:
            module = import_module(f"{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.demo":
                raise
            continue
        context.update(module.seed(context=context) or {})
    if connection.vendor == "postgresql":
        # thousands of rows written in this test's transaction: let the planner know (otherwise its
        # row estimates stay those of near-empty tables and every figure's query takes a nested loop)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return context


def pdf_text(data: bytes) -> str:
    """The PDF's text without the minute it was printed at."""
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    return re.sub(r"\d\d/\d\d/\d{4} \d\d:\d\d", "(printed at)", text)


def snapshot(context) -> dict:
    start, end = Y2022
    areas = [context["province"], context["district"], context["commune"], context["commune2"], *context["villages"]]
    made_by = User.objects.get(username="huyen")
    snap = {
        "under_16": [figures.under_16(a, on=end) for a in areas],
        "per_village": figures.under_16(context["province"], on=end, per_village=True),
        "by_sex": [figures.by_sex(a, on=end) for a in areas],
        "by_age_band": [figures.by_age_band(a, on=end) for a in areas],
        "cases": [vars(case_figures(area=a, start=start, end=end)) for a in areas[:4]],
        "fund_totals": [fund_figures.fund_totals(area=a, start=start, end=end) for a in areas[:4]],
        "balances": {
            f.pk: fund_figures.fund_balance(fund=f, through=end) for f in Fund.objects.filter(started_on__lte=end)
        },
        "reporters": {p.pk: [a.pk for a in sel.reporters(p)] for p in Period.objects.filter(year=2022)},
    }
    for sub in Submission.objects.filter(period__year=2022).select_related("period", "area"):
        rows = sel.rows_for_display(sub)
        snap[f"cells {sub.pk}"] = [(r.indicator.code, [(c.key, c.value) for c in r.cells]) for r in rows]
        indicators = sel.report_indicators(sub.period.report_type)
        snap[f"prefill {sub.pk}"] = sel.prefill(sub.period, sub.area, indicators)
        snap[f"pdf {sub.pk}"] = pdf_text(exports.submission_pdf(sub, rows, made_by=made_by))
    for fig in snap["cases"]:
        fig.pop("area")
    return snap


def test_2022_is_identical_before_and_after_the_reform(db):
    context = seed_2022()
    before = snapshot(context)
    assert before["under_16"][2] > 1000 and any(k.startswith("pdf") for k in before)
    new = reform_demo.seed(context=context)["merged_commune"]
    for area in context.values():
        if isinstance(area, Area):
            area.refresh_from_db()
    after = snapshot(context)
    assert [key for key in before if before[key] != after.get(key)] == []
    assert after == before
    # and the present is the merged commune's
    assert new == reform_demo.merged_commune() and new.parent == context["province"]
    assert figures.under_16(new, on=date(2026, 12, 1)) > 800
    assert figures.under_16(context["commune"], on=date(2026, 12, 1)) == 0
    vhxh = User.objects.get(username="vhxh")
    assert Membership.objects.get(user=vhxh, area=context["commune"]).valid_to == date(2025, 6, 30)
    assert scope.can(vhxh, "registry.edit", new) and not scope.can(vhxh, "registry.edit", context["commune"])
    assert reform_demo.seed(context=context)["merged_commune"] == new  # idempotent
