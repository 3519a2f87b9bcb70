"""The API's small world, built by the tests' fixtures and by the second instance of the portal that
the pull test starts (``python manage.py shell -c "from tests.api.worlds import remote; remote()"``):
the 2022 calendar of Y Tịch and Hòa Bình, reports in every state with known figures, part of the
DHIS2 mapping, a child with a known name, and a province office user ``tinh`` (made here when the
demo accounts do not have one)."""

import datetime as dt

from accounts.demo import seed as seed_accounts
from accounts.models import Membership, User
from api.models import DataElementMapping, OrgUnitMapping
from api.services import token_create
from reporting import services as rservices
from reporting.models import LOCAL_TZ, Indicator, Period, Submission, Value
from tests.factories import make_child

S = Submission.Status

# The figures of every report; 0101's total is set per report so each can be told apart.
FIGURES = {
    ("0101", "M"): 22,
    ("0101", "F"): 18,
    ("0103", ""): 5,
    ("0103", "d"): 2,  # disabled: not confidential
    ("0103", "i"): 1,  # violence: confidential
    ("0103", "l"): 0,  # sexual abuse: confidential
    ("0301", ""): 3,
    ("0301", "violence"): 1,
    ("0301", "accident"): 2,
    ("II.0101", ""): 2,
}
SOURCE = {"0101": "registry", "0103": "registry", "0301": "cases", "II.0101": "cases"}  # as the portal computes them
TOTAL_0101 = {"YT01": 41, "YT02": 42, "YT03": 43, "YT": 140, "HB": 150}
SECRET_CHILD = {"full_name": "Lò Thị Bí Mật", "personal_id": "912345678901", "date_of_birth": dt.date(2017, 9, 13)}
DE = {("0101", ""): ("DeChild0101", ""), ("0101", "M"): ("DeChild0101", "CocMale0001"),
      ("0101", "F"): ("DeChild0101", "CocFemale01"), ("0103", ""): ("DeCirc01030", ""),
      ("0103", "d"): ("DeCirc01030", "CocGroupD01"), ("0103", "i"): ("DeCirc01030", "CocGroupI01"),
      ("II.0101", ""): ("DeAbuse0101", "")}  # fmt: skip
OU = {"YT": "OuYTich0001", "HB": "OuHoaBinh01", "YT01": "OuThon00001"}


def at(y, m, d, hh=9) -> dt.datetime:
    return dt.datetime(y, m, d, hh, tzinfo=LOCAL_TZ)


def _report(period, area, status, **fields) -> Submission:
    sub = Submission(period=period, area=area, status=status, **fields)
    sub.full_clean()
    sub.save()
    indicators = {i.code: i for i in Indicator.objects.filter(code__in={c for c, _k in FIGURES})}
    rows = [
        Value(submission=sub, indicator=indicators[c], key=k, value=v, source=SOURCE[c])
        for (c, k), v in FIGURES.items()
    ]
    rows.append(
        Value(submission=sub, indicator=indicators["0101"], key="", value=TOTAL_0101[area.code], source="registry")
    )
    Value.objects.bulk_create(rows)
    return sub


def add_mapping(world: dict) -> None:
    """Part of the DHIS2 mapping: 0101 (total, M, F), 0103 (total, d, i), II.0101; YT, HB and Thôn 1."""
    indicators = {i.code: i for i in Indicator.objects.all()}
    for (code, key), (element, combo) in DE.items():
        DataElementMapping.objects.create(
            indicator=indicators[code], key=key, data_element=element, category_option_combo=combo
        )
    areas = {"YT": world["commune"], "HB": world["commune2"], "YT01": world["villages"][0]}
    for code, unit in OU.items():
        OrgUnitMapping.objects.create(area=areas[code], org_unit=unit)


def build(world: dict) -> dict:
    """Add the calendar, reports, mapping, child and ``tinh`` to ``world`` (the demo accounts)."""
    vhxh, huyen = User.objects.get(username="vhxh"), User.objects.get(username="huyen")
    commune, commune2, district = world["commune"], world["commune2"], world["district"]
    villages = world["villages"]
    rservices.calendar_create_year(area=commune, year=2022, user=vhxh)
    rservices.calendar_create_year(area=commune2, year=2022, user=vhxh)
    rservices.calendar_create_year(area=district, year=2022, user=huyen)
    v6 = Period.objects.get(area=commune, year=2022, report_type__code="village-6m")
    c6 = Period.objects.get(area=district, year=2022, report_type__code="commune-6m")
    reports = {
        "YT01": _report(v6, villages[0], S.ACCEPTED, first_submitted_at=at(2022, 5, 3), on_time=True,
                        times_submitted=1, reviewed_at=at(2022, 5, 8)),
        "YT02": _report(v6, villages[1], S.SUBMITTED, first_submitted_at=at(2022, 5, 4), on_time=True, times_submitted=1),
        "YT03": _report(v6, villages[2], S.DRAFT),
        "YT": _report(c6, commune, S.SUBMITTED, approved_at=at(2022, 5, 9), first_submitted_at=at(2022, 5, 10),
                      on_time=True, times_submitted=1),
        "HB": _report(c6, commune2, S.ACCEPTED, approved_at=at(2022, 5, 8), first_submitted_at=at(2022, 5, 9),
                      on_time=True, times_submitted=1, reviewed_at=at(2022, 5, 12)),
    }  # fmt: skip
    add_mapping(world)
    child = make_child(village=villages[0], **SECRET_CHILD)
    tinh = User.objects.filter(username="tinh").first()
    if tinh is None:  # the province office of the reform issue, if the demo does not have it yet
        tinh = User.objects.create_user("tinh", password="ytich-demo-tinh", full_name="Văn phòng tỉnh")
        Membership.objects.create(user=tinh, role=Membership.Role.DISTRICT, area=world["province"])
    return {**world, "v6": v6, "c6": c6, "reports": reports, "child": child}


def remote() -> None:
    """Seed a second instance for the pull test and print a token of the district office."""
    build(seed_accounts())
    _row, token = token_create(user=User.objects.get(username="huyen"), name="pull", days=1)
    print(f"TOKEN={token}")
