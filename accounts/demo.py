"""Demo areas, units and users for Y Tịch (all synthetic; password ``ytich-demo``).

Idempotent: run it again and nothing is duplicated; passwords of existing users are left alone.
"""

from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import transaction

from .models import REFORM_DATE, Area, Membership, Unit, User

DEMO_PASSWORD = "ytich-demo"
R = Membership.Role
K = Unit.Kind

VILLAGES = [f"Thôn {n}" for n in range(1, 9)]

# username, full name, role, unit kind (None: no unit), area key
DEMO_USERS = [
    ("vhxh", "Hoàng Thị Vân", R.CULTURE_SOCIAL, K.CULTURE_SOCIAL, "commune"),
    ("chutich", "Mai Việt Lào", R.CHAIRMAN, None, "commune"),
    ("ketoan", "Lương Thị Hạnh", R.ACCOUNTANT, K.ACCOUNTING, "commune"),
    ("yte", "Vi Thị Thu", R.HEALTH, K.HEALTH_STATION, "commune"),
    ("congan", "Nông Văn Cường", R.POLICE, K.POLICE, "commune"),
    ("tuphap", "Hoàng Văn Tư", R.JUSTICE, K.JUSTICE, "commune"),
    ("truong", "Lăng Thị Hoa", R.SCHOOL, K.SCHOOL, "commune"),
    ("doanxa", "Chu Văn Đoàn", R.ORGANISATION, K.YOUTH_UNION, "commune"),
    ("huyen", "Đinh Thị Lan", R.DISTRICT, None, "district"),
    ("vhxh2", "Triệu Văn Hòa", R.CULTURE_SOCIAL, K.CULTURE_SOCIAL, "commune2"),
    # the province office, since the districts were abolished (01/07/2025): reads and reviews the communes
    ("tinh", "Lương Văn Tỉnh", R.DISTRICT, None, "province"),
]
VILLAGE_HEAD_NAMES = [
    "Hoàng Văn Bình",
    "Vy Văn Sơn",
    "Lộc Thị Mai",
    "Nông Văn Thắng",
    "Lăng Văn Hùng",
    "Hà Thị Nga",
    "Chu Văn Toàn",
    "Triệu Thị Liên",
]

UNIT_NAMES = {
    K.CULTURE_SOCIAL: "Văn hóa – Xã hội",
    K.HEALTH_STATION: "Trạm Y tế xã",
    K.POLICE: "Công an xã",
    K.SCHOOL: "Trường PTDTBT Tiểu học và THCS",
    K.YOUTH_UNION: "Đoàn xã",
    K.FATHERLAND_FRONT: "Ủy ban MTTQ Việt Nam xã và các đoàn thể",
    K.JUSTICE: "Tư pháp – Hộ tịch",
    K.ACCOUNTING: "Kế toán – Tài chính",
}


def _area(code, name, kind, parent=None, **extra) -> Area:
    area = Area.objects.filter(code=code).first()
    if area is None:
        area = Area(code=code, name=name, kind=kind, parent=parent, **extra)
        area.full_clean()
        area.save()
    return area


def _units(commune: Area, villages: list[Area]) -> dict:
    units = {}
    for kind, name in UNIT_NAMES.items():
        units[kind], _ = Unit.objects.get_or_create(
            commune=commune, kind=kind, defaults={"name": f"{name} {commune.name}"}
        )
    for village in villages:
        units[village.code], _ = Unit.objects.get_or_create(
            commune=commune, kind=K.VILLAGE, village=village, defaults={"name": village.name}
        )
    return units


def _user(username, full_name, password_hash, **extra) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name, **extra})
    if created:
        user.password = password_hash
        user.save(update_fields=["password"])
    return user


def _member(user, role, area, unit=None, **dates) -> None:
    membership = Membership(user=user, role=role, area=area, unit=unit, **dates)
    if not Membership.objects.filter(user=user, role=role, area=area, unit=unit).exists():
        membership.full_clean()
        membership.save()


@transaction.atomic
def seed(*, context: dict | None = None, stdout=None) -> dict:
    """Create the demo tree, units and users; return the areas for the other apps' demo data."""
    province = _area("20", "Lạng Sơn", Area.Kind.PROVINCE)
    district = _area("187", "Chi Lăng", Area.Kind.DISTRICT, province, valid_to=date(2025, 6, 30))
    commune = _area("YT", "Y Tịch", Area.Kind.COMMUNE, district, terrain=Area.Terrain.MOUNTAINOUS)
    villages = [_area(f"YT{n:02d}", name, Area.Kind.VILLAGE, commune) for n, name in enumerate(VILLAGES, 1)]
    commune2 = _area("HB", "Hòa Bình", Area.Kind.COMMUNE, district, terrain=Area.Terrain.MOUNTAINOUS)
    village2 = _area("HB01", "Thôn Bản Trang", Area.Kind.VILLAGE, commune2)

    units = _units(commune, villages)
    units2 = _units(commune2, [village2])

    password_hash = make_password(DEMO_PASSWORD)  # hashed once: the demo users share it
    admin = _user("admin", "Quản trị hệ thống", password_hash, is_staff=True, is_superuser=True)
    if not admin.is_superuser:
        raise RuntimeError("A user named 'admin' exists and is not a superuser; refusing to continue.")

    areas = {"commune": commune, "district": district, "commune2": commune2, "province": province}
    for username, full_name, role, unit_kind, area_key in DEMO_USERS:
        user = _user(username, full_name, password_hash)
        unit_map = units2 if area_key == "commune2" else units
        dates = {"valid_from": REFORM_DATE} if area_key == "province" else {}
        _member(user, role, areas[area_key], unit_map.get(unit_kind) if unit_kind else None, **dates)
    for n, (village, head) in enumerate(zip(villages, VILLAGE_HEAD_NAMES, strict=True), 1):
        user = _user(f"thon{n}", head, password_hash)
        _member(user, R.VILLAGE_HEAD, village, units[village.code])

    if stdout:
        stdout.write(f"  accounts: {Area.objects.count()} areas, {User.objects.count()} users")
    return {
        "province": province,
        "district": district,
        "commune": commune,
        "villages": villages,
        "commune2": commune2,
        "village2": village2,
    }


def print_logins(address: str = "127.0.0.1:8000") -> None:
    """Print the demo logins and the address the server will answer on (``make run`` shows them
    before serving; it passes the HOST:PORT it serves on)."""
    rows = [("admin", "Quản trị hệ thống (superuser)")]
    where = {"province": " (tỉnh Lạng Sơn, từ 01/07/2025)", "district": " (huyện Chi Lăng, đến 30/06/2025)"}
    rows += [(u, f"{name} — {role.label}{where.get(area, '')}") for u, name, role, _unit, area in DEMO_USERS]
    rows += [(f"thon{n}", f"{name} — trưởng thôn Thôn {n}") for n, name in enumerate(VILLAGE_HEAD_NAMES, 1)]
    print(f"\nTài khoản demo (mật khẩu chung: {DEMO_PASSWORD}) — http://{address}/")
    for username, label in rows:
        print(f"  {username:<9} {label}")
    print()
