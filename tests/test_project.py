"""Project-level guarantees: migrations, deploy checks, demo command, translations."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts.models import Area, User

BASE = Path(__file__).resolve().parent.parent


def run_manage(*args, env_extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "YTICH_"))}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE, env=env, capture_output=True, text=True, timeout=120
    )


def test_makemigrations_is_clean():
    result = run_manage("makemigrations", "--check", "--dry-run", env_extra={"DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_pass_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "DJANGO_SECRET_KEY": "x7#kP2!vQ9$mZ4&wL8^rT1*yN6(bH3)jF5_dS0+gC-aE" * 2,
            "DJANGO_HTTPS": "1",
            "DJANGO_ALLOWED_HOSTS": "bvte.example.vn",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_serve_without_a_secret(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "YTICH_"))}
    env["DJANGO_SECRET_KEY_FILE"] = str(tmp_path / "none")  # not the var/secret_key `make run` wrote
    result = subprocess.run(
        [sys.executable, "-c", "import ytich.wsgi"], cwd=BASE, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_make_secret_key_writes_a_private_key_once_and_the_server_uses_it(tmp_path):
    key_file = tmp_path / "secret_key"
    result = run_manage("make_secret_key", env_extra={"DJANGO_SECRET_KEY_FILE": str(key_file)})
    assert result.returncode == 0, result.stderr
    key = key_file.read_text().strip()
    assert len(key) >= 50 and key_file.stat().st_mode & 0o777 == 0o600
    assert run_manage("make_secret_key", env_extra={"DJANGO_SECRET_KEY_FILE": str(key_file)}).returncode == 0
    assert key_file.read_text().strip() == key  # kept: sessions survive a restart
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "YTICH_"))}
    env["DJANGO_SECRET_KEY_FILE"] = str(key_file)
    code = "import ytich.wsgi; from django.conf import settings; print(settings.SECRET_KEY, settings.DEBUG)"
    result = subprocess.run([sys.executable, "-c", code], cwd=BASE, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == [key, "False"], result.stderr


def test_seed_demo_refuses_with_production_settings():
    result = run_manage("seed_demo", env_extra={"DJANGO_SECRET_KEY": "k" * 60})
    assert result.returncode != 0
    assert "production" in result.stderr


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    call_command("seed_demo", verbosity=0)
    counts = (Area.objects.count(), User.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Area.objects.count(), User.objects.count()) == counts
    expected = {"admin", "vhxh", "chutich", "ketoan", "yte", "congan", "tuphap", "truong", "doanxa", "huyen", "vhxh2"}
    expected |= {f"thon{n}" for n in range(1, 9)}
    assert expected <= set(User.objects.values_list("username", flat=True))
    assert User.objects.get(username="thon1").check_password("ytich-demo")
    assert Area.objects.filter(parent__code="YT", kind="village").count() == 8


def _po_files():
    return sorted(p for p in BASE.glob("**/locale/vi/LC_MESSAGES/*.po") if ".venv" not in p.parts)


def test_every_user_facing_string_has_a_vietnamese_translation():
    sys.path.insert(0, str(BASE / "scripts"))
    import po

    missing = {}
    for path in _po_files():
        left = [e["values"]["msgid"] for e in po.parse(path.read_text(encoding="utf-8")) if po.is_missing(e)]
        if left:
            missing[str(path.relative_to(BASE))] = left
    assert not missing, f"untranslated strings: {missing}"


def test_compiled_catalogues_are_up_to_date():
    for path in _po_files():
        mo = path.with_suffix(".mo")
        assert mo.exists(), f"{mo} is missing: run make messages"
        assert mo.stat().st_mtime >= path.stat().st_mtime - 1 or mo.read_bytes(), f"{mo} is older than its .po"
        fresh = subprocess.run(["msgfmt", "-o", "-", str(path)], capture_output=True, check=False)
        if fresh.returncode == 0:
            assert fresh.stdout == mo.read_bytes(), f"{mo} does not match {path.name}: run make messages"


def test_a_string_means_the_same_in_every_catalogue():
    """Django merges every app's catalogue into one, so the same English msgid (without a context)
    must have the same Vietnamese translation everywhere; otherwise one app's wording silently
    replaces another's. Words that differ by meaning get a context (pgettext)."""
    sys.path.insert(0, str(BASE / "scripts"))
    import po

    seen: dict[str, dict[str, list[str]]] = {}
    for path in _po_files():
        for entry in po.parse(path.read_text(encoding="utf-8")):
            values = entry["values"]
            if not values.get("msgid") or "msgctxt" in values:
                continue
            translation = values.get("msgstr", values.get("msgstr[0]", ""))
            seen.setdefault(values["msgid"], {}).setdefault(translation, []).append(str(path.relative_to(BASE)))
    clashes = {msgid: found for msgid, found in seen.items() if len(found) > 1}
    assert not clashes, clashes


def test_translations_keep_every_placeholder():
    """A translation that drops or renames %(name)s would crash or mislead at run time."""
    import re

    sys.path.insert(0, str(BASE / "scripts"))
    import po

    placeholder = re.compile(r"%\(\w+\)[sd]")
    wrong = []
    for path in _po_files():
        for entry in po.parse(path.read_text(encoding="utf-8")):
            values = entry["values"]
            if not values.get("msgid"):
                continue
            expected = sorted(placeholder.findall(values["msgid"]))
            for key, text in values.items():
                if key.startswith("msgstr") and sorted(placeholder.findall(text)) != expected:
                    if "msgid_plural" in values and sorted(placeholder.findall(values["msgid_plural"])) == sorted(
                        placeholder.findall(text)
                    ):
                        continue
                    wrong.append((str(path.relative_to(BASE)), values["msgid"]))
    assert not wrong, wrong


def test_error_pages_are_vietnamese_and_show_no_debug_details(client_for):
    client = client_for("thon1")
    response = client.get("/children/999999999/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy trang" in body and "URLconf" not in body and "Traceback" not in body
    body = (BASE / "templates" / "500.html").read_text()
    assert "Đã có lỗi xảy ra" in body and "{%" not in body  # no template logic that could fail again
