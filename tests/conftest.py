"""Shared test world: the Y Tịch demo areas and users, and a signed-in client per persona.

Personas (DESIGN.md roles): ``thon1`` (village head of Thôn 1), ``thon2`` (village head of Thôn 2),
``vhxh`` (culture-social officer), ``chutich`` (chairman), ``huyen`` (district office),
``vhxh2`` (culture-social officer of another commune), plus ``ketoan``, ``yte``, ``congan``,
``tuphap``, ``truong``, ``doanxa`` and ``admin``; ``anon`` is a client that is not signed in.
"""

import os
import shutil
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.test import Client

from accounts.demo import seed as seed_accounts
from accounts.models import Area, User

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WORLD_CODES = ["20", "187", "YT", "HB", "HB01", *(f"YT{n:02d}" for n in range(1, 9))]


# Reference data loaded by data migrations: (migration module, a model whose rows it creates).
REFERENCE_DATA = [
    ("children.migrations.0002_reference_data", "children.Ethnicity"),
    ("children.migrations.0004_registry_history_and_confidentiality", "children.Ethnicity"),
    ("children.migrations.0006_privacy", "children.Purpose"),
    ("children.cases.migrations.0002_national_holidays", "cases.Holiday"),
    ("children.allowances.migrations.0002_rules", "allowances.BaseLevel"),
    ("reporting.migrations.0002_catalogue", "reporting.Indicator"),
]
# Later data steps that adjust those rows, run again after a reload: (migration module, function).
FOLLOW_UPS = {
    "reporting.migrations.0002_catalogue": [
        ("reporting.migrations.0004_due_is_own", "mark_own_deadlines"),
        ("reporting.migrations.0005_allowance_indicators", "load"),
    ],
}


def ensure_reference_data():
    """Reload the migrations' reference lists when a transactional test has flushed them.

    Browser and concurrency tests run with ``transaction=True``, and Django empties every table
    after such a test, including rows that data migrations loaded; later tests need them back.
    """
    missing = {model for _module, model in REFERENCE_DATA if not django_apps.get_model(model).objects.exists()}
    for module, model in REFERENCE_DATA:
        if model in missing:
            import_module(module).load(django_apps, None)
            for later, function in FOLLOW_UPS.get(module, []):
                getattr(import_module(later), function)(django_apps, None)


@pytest.fixture(autouse=True)
def _forget_memo():
    """Each test starts with nothing remembered (core.memo), whatever the tests before it showed."""
    from core import memo

    memo.forget()
    yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated, with the demo areas, units and users built once for the session.
    Each test runs in a transaction that is rolled back, so what a test adds never reaches the next."""
    with django_db_blocker.unblock():
        ensure_reference_data()
        seed_accounts()


def _world_from_database() -> dict | None:
    areas = {a.code: a for a in Area.objects.filter(code__in=WORLD_CODES)}
    if len(areas) != len(WORLD_CODES) or not User.objects.filter(username="vhxh").exists():
        return None
    return {
        "province": areas["20"],
        "district": areas["187"],
        "commune": areas["YT"],
        "villages": [areas[f"YT{n:02d}"] for n in range(1, 9)],
        "commune2": areas["HB"],
        "village2": areas["HB01"],
    }


@pytest.fixture
def world(db):
    """Areas, units and one user per role, as ``seed_demo`` makes them (``world["villages"][0]`` is Thôn 1).
    Built once per session; built again only after a transactional test has emptied the database."""
    ensure_reference_data()
    return _world_from_database() or seed_accounts()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Every database test starts with the reference lists present."""
    if "django_db" in request.keywords or {"db", "transactional_db"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db" if _is_transactional(request) else "db")
        ensure_reference_data()


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))


@pytest.fixture
def user_named(world):
    def get(username: str) -> User:
        return User.objects.get(username=username)

    return get


@pytest.fixture
def client_for(world):
    """``client_for("thon1")`` → a test client signed in as that demo user."""

    def make(username: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    return make


@pytest.fixture
def anon(world):
    return Client()


# --- browser tests (Playwright driving the system Chromium) ---------------------------------


def _chromium_or_skip():
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but Chromium is missing at {CHROMIUM}: browser tests are mandatory in CI.")
    pytest.skip(f"No Chromium at {CHROMIUM}; install Debian's chromium to run browser tests.")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def browser_page(request, live_server):
    """A Playwright page in Chromium, with ``live_server`` running; skipped only outside CI without Chromium."""
    _chromium_or_skip()
    page = request.getfixturevalue("page")
    page.set_default_timeout(15000)
    return page


@pytest.fixture
def login_in_browser(browser_page, live_server):
    def login(username: str, password: str = "ytich-demo"):
        browser_page.goto(f"{live_server.url}/login/")
        browser_page.get_by_label("Tên đăng nhập").fill(username)
        browser_page.get_by_label("Mật khẩu").fill(password)
        browser_page.get_by_role("button", name="Đăng nhập").click()
        browser_page.wait_for_url(f"{live_server.url}/")
        return browser_page

    return login
