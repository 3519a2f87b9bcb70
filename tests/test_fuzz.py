"""No typed value makes a page fail: every route, for the demo roles, with hostile values in every
query parameter and in every field of every form (issue 12, item 5).

The demo (``seed_demo``) is loaded once for this module inside a transaction that is rolled back at
the end. Real paths come from crawling the pages each demo user sees (so path parameters are real
demo ids, in and out of the user's area); every route is also called with bogus ids. Then:

* GET: each sampled page again with every known parameter name (read from ``request.GET``/``POST``
  in the code and from the fields of every form class) set to hostile values, rotated so that each
  name meets each value once;
* POST: every form the crawl saw (``method="post"``) sent back with hostile values in its fields;
  routes that only take a POST are posted with every known name as well.

Nothing may answer 500. WeasyPrint is replaced by a stub (the PDF templates are still rendered).
"""

from __future__ import annotations

import itertools
import re
import traceback
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django import forms
from django.conf import settings
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from accounts.models import User
from tests.demo_world import demo_loaded

ROOT = Path(settings.BASE_DIR)
OUR_APPS = {"core", "accounts", "children", "funds", "programs", "reporting", "api", "ytich"}
HOSTILE = [
    "0",
    "-1",
    "10000",
    "01/01/0001",
    "abc",
    "²",
    "9" * 30,
    "",
    "\x00",
    "'",
    "x" * 3000,
    "31/12/2100",
    "01/01/1900",
]
ROLES = ["thon1", "vhxh", "chutich", "huyen", "ketoan", "yte", "congan", "truong", "doanxa", "vhxh2", "admin"]
# Routes the fuzz leaves alone: signing out ends the crawl's session; the admin is Django's own.
SKIP_NAMES = {"logout"}
SKIP_PREFIXES = ("/admin/", "/static/", "/media/")
SAMPLES_PER_ROUTE = 2  # different users who reach the route
MAX_PAGES = 900  # a bound on the crawl


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


ROUTES = sorted({route for route, _p in _walk(get_resolver().url_patterns) if not route.startswith("admin/")})


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def known_names() -> list[str]:
    """Every parameter name the code reads: ``request.GET``/``POST`` lookups and form fields."""
    names = set()
    lookup = re.compile(r"request\.(?:GET|POST)(?:\.get|\.getlist)?[(\[]\s*[\"'](\w+)")
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] in {".venv", "tests", "var"} or "migrations" in path.parts:
            continue
        names |= set(lookup.findall(path.read_text(encoding="utf-8")))
    for form_class in _subclasses(forms.BaseForm):
        if form_class.__module__.split(".")[0] in OUR_APPS:
            names |= set(getattr(form_class, "base_fields", {}))
    names |= {"page", "per_page", "year", "on", "village", "area", "period", "level", "q", "for", "search"}
    return sorted(names - {"csrfmiddlewaretoken"})


class _Forms(HTMLParser):
    """Links and forms of a page: ``links`` (hrefs and GET form actions), ``forms`` (POST forms)."""

    def __init__(self):
        super().__init__()
        self.links, self.forms, self._form = [], [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(), "names": []}
            self.forms.append(self._form)
        elif tag in {"input", "select", "textarea", "button"} and self._form is not None and a.get("name"):
            self._form["names"].append(a["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _route_of(path: str):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route, match.url_name


def _local(base: str, href: str) -> str | None:
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or (parts.netloc and parts.netloc != "testserver"):
        return None
    if parts.path.startswith(SKIP_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


class _Reads:
    """The names a view reads from ``request.GET``/``POST`` while a request is answered."""

    names: set | None = None

    @classmethod
    def patch(cls, mp):
        for method in ("get", "__getitem__", "getlist", "__contains__"):
            mp.setattr(QueryDict, method, cls._recording(getattr(QueryDict, method)))

    @classmethod
    def _recording(cls, original):
        def method(self, key, *args, **kwargs):
            if cls.names is not None and isinstance(key, str):
                cls.names.add(key)
            return original(self, key, *args, **kwargs)

        return method

    @classmethod
    def during(cls, call, *args):
        cls.names = set()
        try:
            return call(*args), cls.names
        finally:
            cls.names = None


class _FakeHTML:
    def __init__(self, *args, **kwargs):
        pass

    def write_pdf(self, *args, **kwargs):
        return b"%PDF-1.4 fuzz"


class _Client(Client):
    """A client whose failed request is rolled back to a savepoint: on PostgreSQL a database error
    would otherwise end the test's transaction, and every later request would fail with it."""

    def __init__(self):
        super().__init__(raise_request_exception=False)

    def request(self, **request):
        savepoint = transaction.savepoint()
        response = super().request(**request)
        if response.status_code >= 500:
            transaction.savepoint_rollback(savepoint)
        else:
            transaction.savepoint_commit(savepoint)
        return response


class Crawl:
    def __init__(self):
        self.clients = {}
        self.samples = defaultdict(list)  # route -> [(username, path)]
        self.post_forms = {}  # (route, sorted names) -> (username, action path, names)
        self.failures = []
        self.reads = defaultdict(set)  # route -> names its view read from GET or POST

    def client(self, username):
        if username not in self.clients:
            client = _Client()
            client.force_login(User.objects.get(username=username))
            self.clients[username] = client
        return self.clients[username]

    def run(self):
        fetched = 0
        start = ["/"] + ["/" + route for route in ROUTES if "<" not in route and route]
        for username in ROLES:
            client = self.client(username)
            queue, seen = list(start), set(start)
            while queue and fetched < MAX_PAGES:
                path = queue.pop(0)
                key = _route_of(urlsplit(path).path)
                if key is None or key[1] in SKIP_NAMES:
                    continue
                route = key[0]
                users = [u for u, _p in self.samples[route]]
                if username in users or len(users) >= SAMPLES_PER_ROUTE:
                    continue
                response, read = _Reads.during(client.get, path)
                self.reads[route] |= read
                fetched += 1
                if response.status_code >= 500:
                    self.failures.append(("GET", username, path, response.status_code))
                if response.status_code != 200:
                    continue
                self.samples[route].append((username, path))
                if "html" not in response.get("Content-Type", ""):
                    continue
                parser = _Forms()
                parser.feed(response.content.decode("utf-8", "replace"))
                for href in parser.links + [f["action"] for f in parser.forms if f["method"] == "get"]:
                    local = _local(path, href)
                    if local and local not in seen:
                        seen.add(local)
                        queue.append(local)
                for form in parser.forms:
                    action = _local(path, form["action"]) if form["action"] else urlsplit(path).path
                    target = action and _route_of(urlsplit(action).path)
                    if form["method"] == "post" and target and target[1] not in SKIP_NAMES:
                        fields = [n for n in form["names"] if n != "csrfmiddlewaretoken"]
                        self.post_forms.setdefault((target[0], tuple(sorted(set(fields)))), (username, action, fields))
        self._fill_gaps()
        return self

    def _fill_gaps(self):
        """Routes no link led to: path parameters from the ids seen at the same place in other
        routes (``programs/<int>/…`` takes the plan ids seen in ``programs/<int>/``), else 1–3."""
        seen_values = defaultdict(set)
        for route, samples in self.samples.items():
            norm = _normalized(route)
            for _username, path in samples:
                values = re.match(_route_regex(norm), urlsplit(path).path.lstrip("/"))
                for i, value in enumerate(values.groups() if values else ()):
                    seen_values[_prefix(norm, i)].add(value)
        for route in ROUTES:
            if self.samples.get(route) or "<" not in route:
                continue
            norm = _normalized(route)
            params = re.findall(r"<[^>]+>", norm)
            choices = [sorted(seen_values.get(_prefix(norm, i)) or {"1", "2", "3"})[:3] for i in range(len(params))]
            for values in itertools.islice(itertools.product(*choices), 4):
                path = norm
                for value in values:
                    path = re.sub(r"<[^>]+>", value, path, count=1)
                for username in ("vhxh", "huyen", "admin"):
                    response = self.client(username).get("/" + path)
                    if response.status_code >= 500:
                        self.failures.append(("GET", username, path, response.status_code))
                    self.samples[route].append((username, "/" + path))
                    if response.status_code == 200:
                        break
                if response.status_code == 200:
                    break


@pytest.fixture(scope="module")
def crawl(django_db_setup, django_db_blocker):
    """The demo loaded and crawled as each role, rolled back when the module is done."""
    with django_db_blocker.unblock(), demo_loaded(), pytest.MonkeyPatch.context() as mp:
        mp.setattr("weasyprint.HTML", _FakeHTML)
        _Reads.patch(mp)
        yield Crawl().run()


@pytest.fixture
def no_pdf(monkeypatch):
    monkeypatch.setattr("weasyprint.HTML", _FakeHTML)


def _normalized(route: str) -> str:
    return re.sub(r"<(\w+):\w+>", r"<\1>", route)


def _route_regex(norm: str) -> str:
    parts = re.split(r"<[^>]+>", norm)
    return "^" + "([^/]+)".join(re.escape(part) for part in parts) + "$"


def _prefix(norm: str, index: int) -> str:
    """The route up to its ``index``-th parameter (``programs/<int>/targets/`` for index 1)."""
    pieces = re.split(r"(<[^>]+>)", norm)
    return "".join(pieces[: 2 * index + 1])


def _bogus_paths(route: str) -> list[str]:
    """The route with its path parameters set to ids that exist nowhere (and to nonsense text)."""
    paths = []
    for number in ("0", "9" * 30, "2147483648"):
        path = re.sub(r"<int:[^>]+>", number, route)
        path = re.sub(r"<(?:str|slug):[^>]+>|<[^>]+>", "abc", path)
        paths.append("/" + path)
    return paths


def _rotated(names: list[str], shift: int) -> list[tuple[str, str]]:
    return [(name, HOSTILE[(i + shift) % len(HOSTILE)]) for i, name in enumerate(names)]


def _check(response, method, username, path, failures):
    if response.status_code >= 500:
        failures.append(f"{method} {path[:160]} as {username}: {response.status_code} {_where(response)}")


def _where(response) -> str:
    """The exception and the innermost frame of the project's code that raised it."""
    exc_info = getattr(response, "exc_info", None)
    if not exc_info:
        return ""
    frames = [f for f in traceback.extract_tb(exc_info[2]) if str(ROOT) in f.filename and ".venv" not in f.filename]
    place = f" at {Path(frames[-1].filename).relative_to(ROOT)}:{frames[-1].lineno}" if frames else ""
    return f"{exc_info[0].__name__}: {str(exc_info[1])[:120]}{place}"


def test_the_crawl_reaches_most_routes(crawl, db):
    assert not crawl.failures, crawl.failures
    reached = {route for route, samples in crawl.samples.items() if samples}
    assert len(reached) >= 0.6 * len(ROUTES), sorted(set(ROUTES) - reached)
    assert len(crawl.post_forms) >= 30


def test_no_hostile_query_parameter_fails(crawl, db, no_pdf):
    """Each page once with every known name set (to learn what its view reads then), and then with
    the names it reads rotated through the hostile values, so each name meets each value once."""
    names = known_names()
    assert {"year", "on", "village", "page", "q"} <= set(names)
    failures = []
    for route in ROUTES:
        samples = crawl.samples.get(route)
        if not samples:
            continue
        username, path = samples[0]
        response, read = _Reads.during(crawl.client(username).get, _with(path, _rotated(names, 0)))
        _check(response, "GET", username, f"{path} (every name)", failures)
        read = sorted((read | crawl.reads[route]) - {"csrfmiddlewaretoken"})
        for shift in range(1, len(HOSTILE)) if read else ():
            username, path = samples[shift % len(samples)]
            response = crawl.client(username).get(_with(path, _rotated(read, shift)))
            _check(response, "GET", username, f"{path} {_rotated(read, shift)}", failures)
    assert not failures, "\n".join(sorted(set(failures)))


def _with(path: str, pairs) -> str:
    return f"{urlsplit(path).path}?{urlencode(pairs)}"


def test_bogus_path_ids_answer_not_found(crawl, db, no_pdf):
    failures = []
    for route in ROUTES:
        if "<" not in route:
            continue
        for username, path in zip(("vhxh", "huyen", "vhxh"), _bogus_paths(route), strict=True):
            _check(crawl.client(username).get(path), "GET", username, path, failures)
        _check(crawl.client("vhxh").post(path, {"year": "abc"}), "POST", "vhxh", path, failures)
    assert not failures, "\n".join(sorted(set(failures)))


def test_no_hostile_form_field_fails(crawl, db, no_pdf):
    failures = []
    names = known_names()
    for (_route, _names), (username, action, field_names) in sorted(crawl.post_forms.items()):
        for shift in range(0, len(HOSTILE), 2):
            data = defaultdict(list)
            for name, value in _rotated(field_names, shift):
                data[name].append(value)
            response = crawl.client(username).post(action, dict(data))
            _check(response, "POST", username, f"{action} {dict(data)}", failures)
    # Routes reached only by posting (buttons on pages of other users): every known name.
    posted = {route for route, _n in crawl.post_forms}
    for route in ROUTES:
        if route in posted or "<" in route or not crawl.samples.get(route):
            continue
        username, path = crawl.samples[route][0]
        response = crawl.client(username).post(urlsplit(path).path, dict(_rotated(names, 3)))
        _check(response, "POST", username, f"{path} (all names)", failures)
    assert not failures, "\n".join(sorted(set(failures)))
