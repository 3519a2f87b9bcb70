#!/usr/bin/env python
"""Benchmark of the registry at province scale (``make bench``).

Builds a synthetic province once (150 communes, 1,200 villages, 200,100 children with guardians,
cards, circumstances and support) in its own database, then measures and prints:

* the registry list of one commune with a search term (median server time, query count), the same
  rows fetched by one hand-written SQL query, and the Django admin changelist for the same filter;
* the Excel import of a 10,000-row file (dry run and apply, rows/s) beside django-import-export's
  row-by-row ModelResource on the same file (both rolled back afterwards, so the database is reused);
* the export of one district (rows/s) and the export's peak Python memory for one commune and for
  the district;
* the monthly allowance list of the whole province (``allowances``: synthetic entitlements for every
  child the rules make eligible, built once; amounts, arrears and changes), median time.

The database: SQLite ``var/bench.sqlite3`` by default; with ``DATABASE_URL=postgres://…/NAME`` the
database ``ytich_bench`` on the same server (created when missing); ``BENCH_DATABASE_URL`` overrides
both. The development database is never touched.
"""

import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from io import BytesIO
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))

COMMUNES, VILLAGES_PER_COMMUNE, CHILDREN_PER_COMMUNE, SEED = 150, 8, 1334, 7
ON = date(2022, 11, 1)
IMPORT_ROWS = 10_000
RUNS = 15
TERM = "hoa"
# BENCH_PARTS=list,import,baseline,export,upload,allowances,load (default: all) runs only some measurements.
PARTS = set(os.environ.get("BENCH_PARTS", "list,import,baseline,export,upload,allowances,load").split(","))
IN_PROCESS_PARTS = {"list", "import", "baseline", "export", "upload", "allowances"}


def configure_database() -> str:
    url = os.environ.get("BENCH_DATABASE_URL")
    dev = os.environ.get("DATABASE_URL", "")
    if not url and dev.startswith("postgres"):
        server, _name = dev.rsplit("/", 1)
        url = f"{server}/ytich_bench"
        import psycopg2

        conn = psycopg2.connect(f"{server}/postgres")
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = 'ytich_bench'")
            if cursor.fetchone() is None:
                cursor.execute("CREATE DATABASE ytich_bench")
        conn.close()
    if not url:
        url = f"sqlite:///{BASE / 'var' / 'bench.sqlite3'}"
    os.environ["DATABASE_URL"] = url
    # Test-like settings (no production secret, plain static storage) with DEBUG off, so Django does
    # not keep every query in memory.
    os.environ["YTICH_TESTING"] = "1"
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,localhost"  # Django's test client
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ytich.settings")
    return url


def median_ms(fn, runs: int = RUNS) -> float:
    fn()  # warm up caches and connections
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


class Rollback(Exception):
    pass


def timed_in_rollback(fn) -> tuple[float, object]:
    """Run ``fn`` in a transaction that is rolled back; return (seconds, result)."""
    from django.db import transaction

    out = {}
    started = time.perf_counter()
    try:
        with transaction.atomic():
            out["result"] = fn()
            out["seconds"] = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    return out["seconds"], out["result"]


def main() -> None:
    url = configure_database()
    import django

    django.setup()
    if "upload" in PARTS:
        upload_section()
        if not PARTS & {"list", "import", "baseline", "export", "allowances"}:
            return
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from accounts.models import Area, Membership, User
    from children.filters import filter_children
    from children.io.exports import export_children
    from children.io.imports import COLUMN_BY_KEY, children_import, plan_import
    from children.models import Child
    from children.synthetic import generate_province, person_name

    vendor = connection.vendor
    print(f"Benchmark database: {vendor} ({url.split('@')[-1]})", flush=True)
    call_command("migrate", verbosity=0)

    # --- the synthetic province, built once -------------------------------------------------
    province_code = f"S{SEED}"
    expected = COMMUNES * CHILDREN_PER_COMMUNE
    have = Child.objects.filter(village__path__startswith=f"/{province_code}/").count()
    if have < expected:
        print(f"Building the synthetic province ({have:,} of {expected:,} children present)…", flush=True)
        started = time.perf_counter()

        def progress(done, total, counts):
            if done % 10 == 0 or done == total:
                print(f"  {done}/{total} communes", flush=True)

        generate_province(
            communes=COMMUNES,
            villages_per_commune=VILLAGES_PER_COMMUNE,
            children_per_commune=CHILDREN_PER_COMMUNE,
            seed=SEED,
            on=ON,
            progress=progress,
        )
        build_seconds = time.perf_counter() - started
        print(f"  built in {build_seconds:.0f} s", flush=True)
        if vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    total_children = Child.objects.filter(village__path__startswith=f"/{province_code}/").count()
    communes = Area.objects.filter(path__startswith=f"/{province_code}/", kind=Area.Kind.COMMUNE).count()
    villages = Area.objects.filter(path__startswith=f"/{province_code}/", kind=Area.Kind.VILLAGE).count()
    print(f"Province: {total_children:,} children, {communes} communes, {villages} villages", flush=True)

    commune = Area.objects.get(code=f"{province_code}C001")
    district = commune.parent
    officer, _ = User.objects.get_or_create(username="bench_officer", defaults={"full_name": "Cán bộ thử"})
    Membership.objects.get_or_create(user=officer, role=Membership.Role.CULTURE_SOCIAL, area=commune)
    reader, _ = User.objects.get_or_create(username="bench_district", defaults={"full_name": "Phòng thử"})
    Membership.objects.get_or_create(user=reader, role=Membership.Role.DISTRICT, area=district)
    admin, _ = User.objects.get_or_create(username="bench_admin", defaults={"is_staff": True, "is_superuser": True})
    rows = []

    # --- the registry list ---------------------------------------------------------------------
    if "list" in PARTS:
        client = Client()
        client.force_login(officer)
        list_url = reverse("children:list") + f"?q={TERM}"

        def get_list():
            response = client.get(list_url)
            assert response.status_code == 200, response.status_code
            return response

        list_ms = median_ms(get_list)
        with CaptureQueriesContext(connection) as queries:
            get_list()
        list_queries = len(queries)
        _form, matching = filter_children(officer, {"q": TERM})
        matches = matching.count()
        shown = min(50, matches)  # the list's default page size

        circumstances = (
            "(SELECT group_concat(g.letter, ',') FROM children_childcircumstance cc "
            "JOIN children_circumstancegroup g ON g.id = cc.group_id WHERE cc.child_id = c.id "
            "AND cc.start_date <= %s AND (cc.end_date IS NULL OR cc.end_date >= %s))"
            if vendor == "sqlite"
            else "(SELECT string_agg(g.letter, ',' ORDER BY g.\"order\") FROM children_childcircumstance cc "
            "JOIN children_circumstancegroup g ON g.id = cc.group_id WHERE cc.child_id = c.id "
            "AND cc.start_date <= %s AND (cc.end_date IS NULL OR cc.end_date >= %s))"
        )
        today = timezone.localdate()
        sql = f"""
            SELECT c.id, c.full_name, c.date_of_birth, c.sex, v.name, e.name, c.archived_at,
                   EXISTS(SELECT 1 FROM children_healthinsurance h WHERE h.child_id = c.id
                          AND h.valid_from <= %s AND h.valid_to >= %s),
                   EXISTS(SELECT 1 FROM children_support s WHERE s.child_id = c.id
                          AND s.date >= %s AND s.date <= %s),
                   EXISTS(SELECT 1 FROM children_disability d WHERE d.child_id = c.id),
                   {circumstances}
            FROM children_child c
            JOIN accounts_area v ON v.id = c.village_id
            JOIN children_ethnicity e ON e.id = c.ethnicity_id
            WHERE v.path LIKE %s AND c.archived_at IS NULL AND c.name_key LIKE %s
            ORDER BY c.sort_key, c.date_of_birth, c.id
            LIMIT 50
        """  # noqa: S608 - only a constant chosen by database vendor is interpolated; values are parameters
        params = [
            today,
            today,
            date(today.year, 1, 1),
            date(today.year, 12, 31),
            today,
            today,
            commune.path + "%",
            f"%{TERM}%",
        ]

        def run_sql():
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        sql_ms = median_ms(run_sql)
        assert len(run_sql()) == shown, (len(run_sql()), shown)

        admin_client = Client()
        admin_client.force_login(admin)
        admin_url = reverse("admin:children_child_changelist") + f"?q={TERM}&village__parent__id__exact={commune.pk}"

        def get_admin():
            response = admin_client.get(admin_url)
            assert response.status_code == 200, response.status_code
            return response

        admin_ms = median_ms(get_admin)
        with CaptureQueriesContext(connection) as queries:
            get_admin()
        admin_queries = len(queries)
        rows.append((f"Registry list, one commune, search “{TERM}” ({matches} matches, {shown} shown)",
                     f"{list_ms:.1f} ms median, {list_queries} queries",
                     f"{list_ms / sql_ms:.1f}× the SQL, {list_ms / admin_ms:.1f}× the admin"))  # fmt: skip
        rows.append(("Same rows, one hand-written SQL query", f"{sql_ms:.1f} ms median, 1 query", "1.0×"))
        rows.append(("Django admin changelist, same filter", f"{admin_ms:.1f} ms median, {admin_queries} queries",
                     f"{admin_ms / sql_ms:.1f}× the SQL"))  # fmt: skip
        print_table(rows)

    # --- import of a 10,000-row file -------------------------------------------------------------
    if "import" in PARTS:
        data = import_file(commune, COLUMN_BY_KEY, person_name)
        seconds, plan = timed_in_rollback(lambda: plan_import(user=officer, data=data, on=ON))
        assert plan.ok, plan.issues[:5]
        rows.append((f"Import {IMPORT_ROWS:,} rows, dry run (check + preview)", f"{seconds:.1f} s",
                     f"{IMPORT_ROWS / seconds:,.0f} rows/s"))  # fmt: skip
        ours_seconds, result = timed_in_rollback(lambda: children_import(user=officer, data=data, on=ON))
        assert result.created == IMPORT_ROWS, (result.created, result.updated)
        rows.append((f"Import {IMPORT_ROWS:,} rows, apply (bulk, with history)", f"{ours_seconds:.1f} s",
                     f"{IMPORT_ROWS / ours_seconds:,.0f} rows/s"))  # fmt: skip
        print_table(rows[-2:])

    if "baseline" in PARTS:
        from import_export.formats.base_formats import XLSX

        from children.resources import ChildTemplateResource

        def default_import(dry_run):
            dataset = XLSX().create_dataset(data)
            result = ChildTemplateResource().import_data(dataset, dry_run=dry_run, use_transactions=True)
            assert not result.has_errors() and not result.has_validation_errors(), result.invalid_rows[:3]
            return result

        base_dry, _ = timed_in_rollback(lambda: default_import(True))
        rows.append((f"Default ModelResource, {IMPORT_ROWS:,} rows, dry run", f"{base_dry:.1f} s",
                     f"{IMPORT_ROWS / base_dry:,.0f} rows/s"))  # fmt: skip
        base_apply, _ = timed_in_rollback(lambda: default_import(False))
        rows.append((f"Default ModelResource, {IMPORT_ROWS:,} rows, apply", f"{base_apply:.1f} s",
                     f"{IMPORT_ROWS / base_apply:,.0f} rows/s; ours is {base_apply / ours_seconds:.1f}× faster"))  # fmt: skip
        print_table(rows[-2:])

    # --- export of one district ------------------------------------------------------------------
    if "export" in PARTS:

        def export(area, *, memory: bool, limit: int | None = None):
            _form, qs = filter_children(reader, {}, on=ON)
            qs = qs.filter(village__path__startswith=area.path)
            if limit:
                qs = qs[:limit]
            if memory:
                tracemalloc.start()
            started = time.perf_counter()
            with tempfile.TemporaryFile() as out:
                count = export_children(qs, out, on=ON, user=reader)
                size = out.tell()
            seconds = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1] if memory else 0
            if memory:
                tracemalloc.stop()
            return count, seconds, peak, size

        count, seconds, _peak, size = export(district, memory=False)
        rows.append((f"Export one district ({count:,} rows, {size / 1048576:.1f} MB .xlsx)", f"{seconds:.1f} s",
                     f"{count / seconds:,.0f} rows/s"))  # fmt: skip
        # Rows are read in chunks of 2,000, so compare two sizes above one chunk.
        small_count, _s, small_peak, _size = export(district, memory=True, limit=4000)
        count, _s, peak, _size = export(district, memory=True)
        rows.append((f"Export peak Python memory: {small_count:,} rows → {count:,} rows",
                     f"{small_peak / 1048576:.1f} MB → {peak / 1048576:.1f} MB",
                     f"{count / small_count:.0f}× the rows, {peak / small_peak:.2f}× the memory"))  # fmt: skip
    if "allowances" in PARTS:
        rows.append(bench_allowances(Area.objects.get(code=province_code)))
        print_table(rows[-1:])
    print()
    print(f"## Benchmark on {vendor} — {total_children:,} children, {communes} communes, {villages} villages")
    print_table(rows, header=True)
    out = BASE / "var" / f"bench-{vendor}.md"
    with out.open("w") as fh:
        fh.write(f"Benchmark on {vendor}: {total_children:,} children, {communes} communes, {villages} villages\n\n")
        fh.write(markdown(rows))
    print(f"(also written to {out.relative_to(BASE)})")


def bench_allowances(province) -> tuple[str, str, str]:
    """The monthly allowance list of the whole province (every commune's entitlements), median of 5 runs."""
    from children.allowances import services
    from children.allowances.models import Entitlement
    from children.allowances.synthetic import generate_entitlements

    if not Entitlement.objects.filter(commune__path__startswith=province.path).exists():
        started = time.perf_counter()
        made = generate_entitlements(province, on=ON)
        print(f"  {made:,} synthetic entitlements in {time.perf_counter() - started:.0f} s", flush=True)
    month = date(ON.year, ON.month, 1)
    result = {}

    def run():
        result["list"] = services.monthly_list(province, month)

    ms = median_ms(run, runs=5)
    found = result["list"]
    assert ms <= 5000, f"the province's monthly list took {ms:.0f} ms (limit 5 s)"
    return (f"Monthly allowance list, whole province {month:%m/%Y} ({found.children:,} children, "
            f"{sum(1 for line in found.lines if line.arrears):,} with arrears)",
            f"{ms / 1000:.2f} s median", f"{found.total:,} đ in all; limit 5 s")  # fmt: skip


def import_file(commune, column_by_key, person_name) -> bytes:
    """A 10,000-row file in the template's format for the commune's villages (cached under var/)."""
    import random

    import openpyxl

    path = BASE / "var" / f"bench-import-{IMPORT_ROWS}.xlsx"
    if path.exists():
        return path.read_bytes()
    rng = random.Random("bench-import")
    keys = ["full_name", "date_of_birth", "sex", "ethnicity", "personal_id", "village", "address", "school_name"]
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách trẻ em")
    sheet.append([column_by_key[k].header for k in keys])
    villages = list(commune.subareas.order_by("code").values_list("code", flat=True))
    seen = set()
    for i in range(IMPORT_ROWS):
        while True:  # distinct name + date of birth + village, or the importer rightly reports a duplicate
            sex = rng.choice("MF")
            ethnicity = rng.choice([("02", "Tày"), ("07", "Nùng"), ("01", "Kinh")])
            dob = date.fromordinal(date(2008, 1, 1).toordinal() + rng.randrange(365 * 14))
            name, village = person_name(rng, ethnicity[0], sex), rng.choice(villages)
            if (name, dob, village) not in seen:
                seen.add((name, dob, village))
                break
        sheet.append([
            name,
            dob,
            "Nam" if sex == "M" else "Nữ",
            ethnicity[1],
            f"8{i:011d}",
            village,
            f"Xóm {rng.randrange(1, 30)}",
            "",
        ])  # fmt: skip
    buffer = BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


# --- uploads: hostile files and a legitimate 5 MB workbook through the upload checks --------------

UPLOAD_SECONDS, UPLOAD_MB = 10, 300  # the target: any file ≤ 5 MB answered within 10 s, ≤ 300 MB above idle


def legit_workbook() -> bytes:
    """A legitimate 20,000-row workbook in the template's format, about 5 MB (cached under var/)."""
    import random

    import openpyxl

    from children.io.imports import COLUMNS

    path = BASE / "var" / "bench-upload-legit.xlsx"
    if path.exists():
        return path.read_bytes()
    rng = random.Random("bench-upload")
    words = ["nhà", "xóm", "học", "trường", "mẹ", "bố", "ông", "bà", "ruộng", "đồi", "suối", "bản", "chợ", "đường"]
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách trẻ em")
    sheet.append([c.header for c in COLUMNS])
    for i in range(20_000):
        row = {
            "stt": i + 1,
            "full_name": f"Hoàng Văn {rng.choice(words).title()} {i}",
            "date_of_birth": date(2012, 1, 1).fromordinal(date(2012, 1, 1).toordinal() + rng.randrange(3000)),
            "sex": rng.choice(["Nam", "Nữ"]),
            "ethnicity": rng.choice(["Tày", "Nùng", "Kinh"]),
            "personal_id": f"0{rng.randrange(10**10, 10**11)}",
            "village": "Thôn 1",
            "address": f"Xóm {rng.randrange(1, 40)}",
            "notes": " ".join(rng.choice(words) + str(rng.randrange(1000)) for _ in range(55)),
        }
        sheet.append([row.get(c.key) for c in COLUMNS])
    buffer = BytesIO()
    book.save(buffer)
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def upload_one(path: str) -> None:
    """In a fresh process: idle memory, then one file through the upload pipeline's reading and checks
    (``children.io.imports.read_workbook``: core.uploads.inspect_xlsx, then openpyxl); prints JSON."""
    import json
    import resource

    import django

    django.setup()
    import openpyxl  # noqa: F401 - loaded before the idle measurement, as in a running server

    from children.io.imports import read_workbook

    data = Path(path).read_bytes()  # as an upload handler holds it
    idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    sheet, issues = read_workbook(data)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()  # a second run, for the Python objects' own peak
    read_workbook(data)
    python_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    answer = f"{len(sheet.rows):,} rows read" if sheet else (issues[0].message if issues else "")
    print(
        json.dumps(
            {
                "size": len(data),
                "seconds": seconds,
                "above_idle_kb": max(0, peak - idle),
                "python_peak": python_peak,
                "answer": answer,
            }
        )
    )


def preview_one(path: str) -> None:
    """In a fresh process on the demo database: the officer uploads one workbook and gets the whole
    preview page back (read, checks, the plan against the registry, the stash, the page); prints JSON."""
    import json
    import resource

    os.environ["YTICH_TESTING"] = "1"
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ytich.settings")
    import django

    django.setup()
    import openpyxl  # noqa: F401 - loaded before the idle measurement, as in a running server
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="vhxh"))
    client.get("/children/import/")
    data = Path(path).read_bytes()
    idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    response = client.post("/children/import/", {"file": SimpleUploadedFile("danh-sach.xlsx", data)})
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    page = response.content.decode()
    created = "20.000" in page or "20000" in page  # the count of children to add, as the page writes it
    print(json.dumps({"size": len(data), "seconds": seconds, "above_idle_kb": max(0, peak - idle),
                      "status": response.status_code, "created": created}))  # fmt: skip


def preview_row(legit: bytes) -> tuple[str, str, str]:
    """The legitimate workbook's whole preview, measured by ``preview_one`` in its own process."""
    import json
    import subprocess

    url = _demo_database()
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        handle.write(legit)
        handle.flush()
        done = subprocess.run(
            [sys.executable, __file__, "--preview-one", handle.name],
            capture_output=True, text=True, timeout=600, env={**os.environ, "DATABASE_URL": url},
        )  # fmt: skip
    result = json.loads(done.stdout.strip().splitlines()[-1])
    mb = result["above_idle_kb"] / 1024
    ok = result["status"] == 200 and result["seconds"] <= UPLOAD_SECONDS and mb <= UPLOAD_MB
    return (
        f"legitimate 20,000-row workbook, whole preview page on the demo ({result['size'] / 1048576:.2f} MB)",
        f"{result['seconds']:.2f} s, {mb:.1f} MB above idle {'✓' if ok else '✗ over target'}",
        f"status {result['status']}, {'20.000 children to add' if result['created'] else 'count not found'}",
    )


def upload_section() -> None:
    """Each hostile file of tests/uploads/hostile.py and a legitimate 5 MB workbook, each in its own
    process: time and peak memory above idle (ru_maxrss), against the 10 s / 300 MB target."""
    import json
    import subprocess

    from tests.uploads.hostile import HOSTILE

    legit = legit_workbook()  # built once, outside the measurement
    folder = Path(tempfile.mkdtemp(prefix="bench-uploads-"))
    print(f"\n## Uploads (target: ≤ {UPLOAD_SECONDS} s, ≤ {UPLOAD_MB} MB above idle)", flush=True)
    rows = []
    for index, name in enumerate([*HOSTILE, "legit"]):
        path = folder / f"{index}.xlsx"
        path.write_bytes(legit if name == "legit" else HOSTILE[name]())
        done = subprocess.run(
            [sys.executable, __file__, "--upload-one", str(path)],
            capture_output=True,
            text=True,
            timeout=300,
            env=os.environ,
        )
        path.unlink()
        try:
            result = json.loads(done.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            rows.append((name, "failed", done.stderr.strip().splitlines()[-1:] or "?"))
            continue
        mb = result["above_idle_kb"] / 1024
        ok = result["seconds"] <= UPLOAD_SECONDS and mb <= UPLOAD_MB
        rows.append((
            f"{'legitimate 20,000-row workbook' if name == 'legit' else name} ({result['size'] / 1048576:.2f} MB)",
            f"{result['seconds']:.2f} s, {mb:.1f} MB above idle (Python peak {result['python_peak'] / 1048576:.1f} MB) "
            f"{'✓' if ok else '✗ over target'}",
            result["answer"][:90],
        ))  # fmt: skip
        print_table(rows[-1:])
    rows.append(preview_row(legit))
    print_table(rows[-1:])
    folder.rmdir()
    out = BASE / "var" / "bench-uploads.md"
    out.write_text(markdown(rows))
    print(f"(also written to {out.relative_to(BASE)})", flush=True)


def markdown(rows) -> str:
    lines = ["| measurement | result | rate / ratio |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines) + "\n"


def print_table(rows, header: bool = False) -> None:
    text = markdown(rows)
    if not header:
        text = "\n".join(text.splitlines()[2:])
    print(text, flush=True)


# --- load: gunicorn under 20 concurrent sessions on the demo -------------------------------------

LOAD_SESSIONS = 20
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
LOAD_WORKERS = 3  # as README "Deploying" runs gunicorn
LOAD_PORT = int(os.environ.get("BENCH_LOAD_PORT", "8139"))
WRITE_EVERY = 2.0  # seconds between commits in the second load run
LOAD_PAGES = {"home": "/", "registry list": "/children/", "reporting": "/reporting/"}
# Users who may open all three pages; sessions are spread over them (several sessions per user).
LOAD_USERS = ["vhxh", "chutich", "huyen", *(f"thon{n}" for n in range(1, 9))]
# Server time per request, measured in one process with Django's test client (debug off).
PAGE_TIMES = [
    ("home", "vhxh", "/"),
    ("home", "thon1", "/"),
    ("home", "huyen", "/"),
    ("home", "ketoan", "/"),
    ("registry list", "vhxh", "/children/"),
    ("registry list", "huyen", "/children/"),
    ("reporting", "vhxh", "/reporting/"),
    ("funds", "vhxh", "/funds/"),
    ("programs", "vhxh", "/programs/"),
    ("cases", "vhxh", "/children/cases/"),
]


def _demo_database() -> str:
    """The demo (``seed_demo``) in its own SQLite file, var/bench-demo.sqlite3: built once, and again
    when migrations were added since."""
    import subprocess

    path = BASE / "var" / "bench-demo.sqlite3"
    url = f"sqlite:///{path}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1"}
    env.pop("YTICH_TESTING", None)
    manage = [sys.executable, "manage.py"]
    current = path.exists() and subprocess.run([*manage, "migrate", "--check"], cwd=BASE, env=env, capture_output=True)
    if not (current and current.returncode == 0):  # new, or migrations added since: (re)build the demo
        print("Building the demo database for the load test…", flush=True)
        for args in (["migrate", "--noinput", "-v", "0"], ["seed_demo"]):
            subprocess.run([*manage, *args], cwd=BASE, env=env, check=True, stdout=subprocess.DEVNULL)
    return url


def _server_env(url: str) -> tuple[dict, str]:
    """The environment of the production server: debug off, a secret key, collected static files.
    Falls back to plain static files when collectstatic fails (said in the output)."""
    import secrets
    import subprocess

    static_root = BASE / "var" / "bench-static"
    env = {k: v for k, v in os.environ.items() if k not in {"YTICH_TESTING", "DJANGO_DEBUG"}}
    env.update(
        {
            "DATABASE_URL": url,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_STATIC_ROOT": str(static_root),
        }
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode == 0:
        return env, "collected static files (WhiteNoise manifest)"
    # Debug stays off; only the static files are served without the manifest.
    env.update({"DJANGO_SETTINGS_MODULE": "bench_settings", "PYTHONPATH": str(BASE / "scripts")})
    return env, "collectstatic failed: static files without the manifest"


def _wait_for(port: int, seconds: float = 30) -> None:
    import http.client

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on 127.0.0.1:{port}")


class Session:
    """One signed-in browser: cookies kept, a new connection per request (gunicorn's sync workers
    close the connection after each answer)."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes]:
        import http.client

        headers = {"Host": "127.0.0.1", "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _eq, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, data
        finally:
            conn.close()

    def login(self, username: str, password: str) -> None:
        import re
        from urllib.parse import urlencode

        _status, page = self.request("GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        body = urlencode({"csrfmiddlewaretoken": token.group(1).decode(), "username": username, "password": password})
        status, _page = self.request("POST", "/login/", body)
        if status != 302:
            raise RuntimeError(f"{username} could not sign in ({status})")


def _drive(sessions: list, seconds: float, *, write_every: float = 0, generation_file: Path | None = None) -> dict:
    """Every session requests the pages in turn until the time is up; (page → [(ms, status)]).
    ``write_every``: seconds between commits announced in ``generation_file`` (as a commit does)."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from core.memo import append_generation

    deadline = time.monotonic() + seconds
    stop = threading.Event()

    def writer():
        while write_every and not stop.wait(write_every):
            append_generation(generation_file)

    threading.Thread(target=writer, daemon=True).start()
    names = list(LOAD_PAGES)

    def run(index: int) -> list:
        out, n = [], index
        while time.monotonic() < deadline:
            name = names[n % len(names)]
            n += 1
            started = time.perf_counter()
            try:
                status, _body = sessions[index].request("GET", LOAD_PAGES[name])
            except OSError:
                status = 0
            out.append((name, (time.perf_counter() - started) * 1000, status))
        return out

    results: dict = {name: [] for name in names}
    with ThreadPoolExecutor(max_workers=len(sessions)) as pool:
        for rows in pool.map(run, range(len(sessions))):
            for name, ms, status in rows:
                results[name].append((ms, status))
    stop.set()
    return results


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def _python_speed() -> float:
    """Nanoseconds per step of a pure-Python loop: how fast this machine's core is right now (shared
    machines vary by 2-3 times), to read the milliseconds above against."""
    best = float("inf")
    for _ in range(5):
        started, x = time.perf_counter(), 0
        for i in range(1_000_000):
            x += i
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def page_times_child() -> None:
    """(Run in a child process on the demo database.) Median server time and query count per page."""
    import json

    os.environ["YTICH_TESTING"] = "1"
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ytich.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from core import memo

    rows = []
    for name, username, path in PAGE_TIMES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        client.get(path)
        counts = []
        for first in (True, False):  # a first visit (nothing remembered), then the same page again
            memo.forget()
            if not first:
                client.get(path)
            with CaptureQueriesContext(connection) as queries:
                status = client.get(path).status_code
            counts.append(len(queries))
        cpu = {True: [], False: []}
        for _ in range(RUNS):
            for first in (True, False):
                if first:
                    memo.forget()
                started_cpu = time.process_time()
                client.get(path)
                cpu[first].append((time.process_time() - started_cpu) * 1000)
        rows.append([name, username, path, status, *counts, statistics.median(cpu[True]), statistics.median(cpu[False]),
                     min(cpu[False])])  # fmt: skip
    print(json.dumps(rows))


def load_section() -> None:
    """Page times (in-process) and gunicorn under 20 concurrent sessions for BENCH_LOAD_SECONDS."""
    import json
    import subprocess

    url = _demo_database()
    child_env = {**os.environ, "DATABASE_URL": url}
    out = subprocess.run(
        [sys.executable, __file__, "page-times"], cwd=BASE, env=child_env, capture_output=True, text=True, check=True
    )
    page_rows = json.loads(out.stdout.strip().splitlines()[-1])
    print()
    print("## Server time per request (demo, Django test client, debug off; median of 15)")
    print(
        f"Machine speed now: {_python_speed():.0f} ns per pure-Python loop step (lower is faster; shared machines vary)."
    )
    print("First visit: nothing remembered (after any write, or the first visit of the day); again: the")
    print("same user opens the same page with no write in between (core.memo).")
    print("| page | user | status | queries first / again | CPU ms first | CPU ms again | best of 15 again |")
    print("|---|---|---|---|---|---|---|")
    for name, username, path, status, count_first, count_again, cpu_first, cpu_again, best in page_rows:
        print(f"| {name} `{path}` | {username} | {status} | {count_first} / {count_again} | {cpu_first:.1f} | "
              f"{cpu_again:.1f} | {best:.1f} |")  # fmt: skip

    env, static_note = _server_env(url)
    generation_file = BASE / "var" / "bench-data-generation"
    env["DJANGO_MEMO_FILE"] = str(generation_file)
    cores = os.cpu_count()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "ytich.wsgi", "--bind", f"127.0.0.1:{LOAD_PORT}",
         "--workers", str(LOAD_WORKERS), "--log-level", "warning"],
        cwd=BASE, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        _wait_for(LOAD_PORT)
        sessions = [Session(LOAD_PORT) for _ in range(LOAD_SESSIONS)]
        for i, session in enumerate(sessions):
            session.login(LOAD_USERS[i % len(LOAD_USERS)], os.environ.get("BENCH_DEMO_PASSWORD", "ytich-demo"))
        for session in sessions:  # warm up every worker's caches and connections
            session.request("GET", "/")
        results = _drive(sessions, LOAD_SECONDS)
        # Again, while someone commits a change every WRITE_EVERY seconds: every worker forgets what it
        # remembered (core.memo) and the next visits compute the pages again.
        results_writing = _drive(sessions, LOAD_SECONDS, write_every=WRITE_EVERY, generation_file=generation_file)
    finally:
        server.terminate()
        server.wait(timeout=30)
    server_time = {}
    for name, _username, _path, _status, _first, _again, _cpu_first, cpu_again, _best in page_rows:
        server_time.setdefault(name, cpu_again)
    print()
    for title, outcome in (("", results), (f", a commit every {WRITE_EVERY:g} s", results_writing)):
        print()
        print(
            f"## Load: gunicorn ({LOAD_WORKERS} sync workers, {static_note}) on 127.0.0.1, SQLite demo, "
            f"{LOAD_SESSIONS} signed-in sessions for {LOAD_SECONDS} s{title}, {cores} CPU cores"
        )
        print("| page | requests | errors | req/s | p50 ms | p95 ms | server CPU ms (again) |")
        print("|---|---|---|---|---|---|---|")
        total = errors_total = 0
        for name, rows in outcome.items():
            times = [ms for ms, _status in rows]
            errors = sum(1 for _ms, status in rows if status != 200)
            total += len(rows)
            errors_total += errors
            print(
                f"| {name} | {len(rows)} | {errors} | {len(rows) / LOAD_SECONDS:.1f} | {_percentile(times, 0.5):.0f} | "
                f"{_percentile(times, 0.95):.0f} | {server_time.get(name, 0):.1f} |"
            )
        print(f"| all | {total} | {errors_total} | {total / LOAD_SECONDS:.1f} | | | |", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--upload-one"]:
        configure_database()
        upload_one(sys.argv[2])
    elif sys.argv[1:2] == ["--preview-one"]:
        preview_one(sys.argv[2])
    elif sys.argv[1:2] == ["page-times"]:
        page_times_child()
    else:
        if PARTS & IN_PROCESS_PARTS:
            main()
        if "load" in PARTS:
            load_section()
