"""Every count of children in special circumstances, with a disability or supported, every count of
cases and every amount of the fund comes from the figure modules of the app that owns the data
(``children/figures.py``, ``children/cases/figures.py``, ``funds/figures.py``, ``programs/figures.py``).
Other modules look figures up; this test fails when one starts counting such data on its own."""

import re
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
APPS = ["accounts", "children", "funds", "programs", "reporting", "ytich", "core"]
OWNED = re.compile(r"\b(ChildCircumstance|Disability|Support|HealthInsurance|Entry|Case|Residence)\b")
COUNTING = re.compile(r"\b(Count|Sum)\(|\.count\(\)")
ALLOWED = {"figures.py", "demo.py", "synthetic.py"}


def test_no_counting_of_registry_case_or_fund_data_outside_the_figure_modules():
    offenders = []
    for app in APPS:
        for path in sorted((BASE / app).rglob("*.py")):
            if path.name in ALLOWED or "migrations" in path.parts or "management" in path.parts:
                continue
            for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if OWNED.search(line) and COUNTING.search(line):
                    offenders.append(f"{path.relative_to(BASE)}:{lineno}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
