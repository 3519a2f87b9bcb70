"""The other direction: ``manage.py pull_indicators`` reads a second instance of the portal, started
here on 127.0.0.1 with its own SQLite database file, into this deployment's consolidated view; and
the same from a DHIS2 data value set file downloaded from it.

The second instance's database starts as a copy of this test database's schema and reference data
(``VACUUM INTO`` on SQLite, so no 40-second ``migrate``; a real ``migrate`` on PostgreSQL runs) and
is seeded by ``tests/api/worlds.py`` in its own process. The server is stopped by its PID.
"""

import io
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from accounts.models import Membership, User
from api.models import PulledValue
from tests.servers import free_port, serving

from .worlds import TOTAL_0101, add_mapping

BASE = Path(settings.BASE_DIR)


def _env(db_file: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update({"YTICH_TESTING": "1", "DATABASE_URL": f"sqlite:///{db_file}", "PYTHONPATH": str(BASE)})
    return env


def _manage(env, *args, timeout=300) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def remote(tmp_path):
    """A second portal on 127.0.0.1: (its URL, a token of its district office)."""
    db_file = tmp_path / "remote.sqlite3"
    env = _env(db_file)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # schema + migration records + reference data, in one statement
            cursor.execute("VACUUM INTO %s", [str(db_file)])
    else:
        _manage(env, "migrate", "--noinput", "-v", "0")
    out = _manage(env, "shell", "-c", "from tests.api.worlds import remote; remote()")
    token = next(line.split("=", 1)[1] for line in out.splitlines() if line.startswith("TOKEN="))
    port = free_port()
    command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    with serving(command, cwd=BASE, env=env, port=port, what="the second instance") as (_server, url):
        yield url, token


@pytest.mark.django_db(transaction=True)
def test_pull_round_trip_against_a_second_instance(world, remote, client_for, tmp_path):
    url, token = remote
    out = io.StringIO()
    call_command("pull_indicators", url, token=token, source="xa-ytich", stdout=out)
    assert "24" in out.getvalue()  # 3 approved reports × 8 cells the district office sees
    pulled = {
        (p.area_code, p.period, p.indicator.code, p.key): p for p in PulledValue.objects.select_related("indicator")
    }
    assert len(pulled) == 24 and {p.source for p in pulled.values()} == {"xa-ytich"}
    yt = pulled[("YT", "2022S1", "0101", "")]
    assert (yt.value, yt.withheld, yt.status, yt.area, yt.area_kind) == (
        TOTAL_0101["YT"],
        False,
        "submitted",
        world["commune"],
        "commune",
    )
    assert yt.approved_at is not None and yt.accepted_at is None and yt.period_title
    assert pulled[("HB", "2022S1", "0101", "")].value == TOTAL_0101["HB"]
    assert pulled[("YT01", "2022S1", "0101", "")].accepted_at is not None
    withheld = pulled[("YT", "2022S1", "II.0101", "")]  # the remote district office does not see it
    assert (withheld.value, withheld.withheld) == (None, True)
    assert not {a for a, *_ in pulled} & {"YT02", "YT03"}  # not approved over there

    # Pulling again updates in place.
    call_command("pull_indicators", url, token=token, source="xa-ytich", period="2022S1", stdout=out)
    assert PulledValue.objects.count() == 24 and "24 giá trị cập nhật" in out.getvalue()

    # The consolidated page: the district office sees the communes' totals; withheld shows as "< 3".
    page = client_for("huyen").get("/api/consolidated/?period=2022S1")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Y Tịch" in html and "Hòa Bình" in html and "&lt; 3" in html
    assert f">{TOTAL_0101['YT'] + TOTAL_0101['HB']}<" in html  # communes only: villages are inside them
    assert (
        "Thôn 1" not in html
        and "Thôn 1" in client_for("huyen").get("/api/consolidated/?level=village").content.decode()
    )
    assert "đã chấp nhận" in html  # Hòa Bình's report status at the source, in words
    assert client_for("vhxh").get("/api/consolidated/").status_code == 403
    tinh = User.objects.create_user("tinh-test", password="x-unused-1")  # a province office
    Membership.objects.create(user=tinh, role=Membership.Role.DISTRICT, area=world["province"])
    province = Client()
    province.force_login(tinh)
    assert "Hòa Bình" in province.get("/api/consolidated/").content.decode()
    vhxh2_rows = client_for("vhxh2")  # a commune officer: not a reviewer
    assert vhxh2_rows.get("/api/consolidated/").status_code == 403

    # A wrong token is refused with a clear message; nothing is stored.
    with pytest.raises(CommandError, match="từ chối mã truy cập"):
        call_command("pull_indicators", url, token=token + "x", source="other")
    assert not PulledValue.objects.filter(source="other").exists()

    # The same figures through a DHIS2 data value set file downloaded from the second instance.
    add_mapping(world)
    request = urllib.request.Request(
        f"{url}/api/v1/dataValueSets.json?period=2022S1&level=all", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 — 127.0.0.1
        (tmp_path / "set.json").write_bytes(response.read())
    call_command("pull_indicators", file=str(tmp_path / "set.json"), source="dhis2-file", stdout=out)
    from_file = {
        (p.area_code, p.indicator.code, p.key): p.value
        for p in PulledValue.objects.filter(source="dhis2-file").select_related("indicator")
    }
    assert from_file[("YT", "0101", "")] == TOTAL_0101["YT"] and from_file[("YT", "0101", "M")] == 22
    assert from_file[("YT01", "0101", "")] == TOTAL_0101["YT01"]
    assert ("YT", "II.0101", "") not in from_file  # withheld cells are not in the file
    for (area, code, key), value in from_file.items():
        assert pulled[(area, "2022S1", code, key)].value == value


@pytest.mark.django_db
def test_pull_refuses_bad_input_with_clear_messages(world, tmp_path):
    with pytest.raises(CommandError, match="không cho cả hai"):
        call_command("pull_indicators", "http://127.0.0.1:9", file="x.json")
    with pytest.raises(CommandError, match="--token"):
        call_command("pull_indicators", "http://127.0.0.1:9")
    with pytest.raises(CommandError, match="Không kết nối được"):
        call_command("pull_indicators", f"http://127.0.0.1:{free_port()}", token="bvte_x_y")
    with pytest.raises(CommandError, match="http:// hoặc https://"):
        call_command("pull_indicators", "ftp://example", token="bvte_x_y")
    bad = tmp_path / "bad.csv"
    bad.write_text("dataelement,period,orgunit,catoptcombo,attroptcombo,value\nDeChild0101,2022H1,OuYTich0001,,,4\n")
    with pytest.raises(CommandError, match="Dòng 2: kỳ “2022H1”"):
        call_command("pull_indicators", file=str(bad))
    assert not PulledValue.objects.exists()
