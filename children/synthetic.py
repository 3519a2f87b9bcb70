"""Deterministic synthetic children for demos and benchmarks (clearly synthetic, plausible).

``generate_children(villages=..., count=..., seed=..., on=...)`` fills villages with Tày, Nùng and
Kinh children (and a few Dao), each with guardians, birth registration, health-insurance cards,
special circumstances in realistic shares, disabilities and the support received in ``on``'s year.
``build_areas(...)`` makes a synthetic province (districts of 20 communes, villages) for
``manage.py generate_children`` and the benchmark.

The same arguments give the same rows: every commune draws from its own ``random.Random`` seeded
with the seed and the commune's code, so a build can be resumed commune by commune. Personal
identification numbers start with 9 (no real province has that code), so they never collide with
real numbers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from accounts.models import Area

from .models import (
    BirthRegistration,
    Child,
    ChildCircumstance,
    CircumstanceGroup,
    Disability,
    Ethnicity,
    Guardian,
    HealthInsurance,
    Residence,
    Support,
    age_on,
    years_before,
)
from .services import child_derive_keys

SURNAMES = {
    "02": ["Hoàng", "Nông", "Lương", "Lăng", "Hà", "Chu", "Hoàng", "Nông", "Vi", "Lộc", "Đinh", "Ma", "Bế", "Lục",
           "Hứa", "Dương", "Tô", "Mã", "Hoàng", "Nông", "Đàm", "Lâm", "La", "Nguyễn"],
    "07": ["Vy", "Lành", "Triệu", "Hoàng", "Lăng", "Lộc", "Nông", "Chu", "Mông", "Vi", "Lường", "Lý", "Mạc", "Hứa",
           "Hà", "Dương", "Vy", "Lành", "Hoàng", "Lộc"],
    "01": ["Nguyễn", "Trần", "Lê", "Phạm", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Nguyễn", "Trần", "Đào", "Phan", "Hồ"],
    "09": ["Triệu", "Bàn", "Đặng", "Lý", "Chảo", "Phùng"],
}  # fmt: skip
MALE_MIDDLE = ["Văn"] * 7 + ["Đức", "Minh", "Quang", "Gia", "Hữu", "Tiến", "Thành", "Bảo"]
FEMALE_MIDDLE = ["Thị"] * 6 + ["Ngọc", "Thu", "Minh", "Hồng", "Bảo", "Khánh", "Thanh", "Phương"]
MALE_GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Minh",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Tài",
    "Thắng",
    "Toàn",
    "Trung",
    "Tuấn",
    "Việt",
    "Huy",
    "Khôi",
    "Lâm",
    "Phúc",
    "Thái",
    "Vinh",
    "Hiếu",
    "Kiên",
    "Đạt",
    "Duy",
    "Nguyên",
    "Bảo",
    "Tùng",
    "Quý",
    "Lộc",
    "Hưng",
]
FEMALE_GIVEN = [
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Ngọc",
    "Nhung",
    "Phương",
    "Quỳnh",
    "Thảo",
    "Trang",
    "Uyên",
    "Vân",
    "Yến",
    "Ánh",
    "Diệp",
    "Hằng",
    "Huyền",
    "Liên",
    "My",
    "Nga",
    "Nhi",
    "Oanh",
    "Tâm",
    "Thư",
    "Thủy",
    "Trâm",
    "Vy",
    "Xuân",
    "Hiền",
]
ETHNIC_SHARES = [("02", 0.46), ("07", 0.37), ("01", 0.15), ("09", 0.02)]
# Share of all children in each special-circumstance group (a mountainous commune: about 3.5% in all).
CIRCUMSTANCE_SHARES = [
    ("d", 0.016), ("a", 0.0025), ("c", 0.003), ("n", 0.005), ("h", 0.003), ("i", 0.0008), ("b", 0.0005),
    ("đ", 0.0005), ("e", 0.001), ("k", 0.0005), ("l", 0.0005),
]  # fmt: skip
DISABILITY_TYPES = [("mobility", 0.35), ("intellectual", 0.25), ("hearing_speech", 0.15), ("vision", 0.1),
                    ("mental", 0.1), ("other", 0.05)]  # fmt: skip
DISABILITY_LEVELS = [("extremely_severe", 0.2), ("severe", 0.45), ("mild", 0.35)]
BASE_LEVEL_2021 = 360_000  # VND, Decree 20/2021, from 01/07/2021
ALLOWANCE_COEFFICIENT = {"extremely_severe": 2.5, "severe": 2.0, "a": 2.5, "c": 2.5}
HAMLETS = ["Nà Pàn", "Khòn Cuổng", "Bản Châu", "Pò Nhùng", "Nà Cạn", "Khau Dăm", "Còn Coỏng", "Làng Mới", "Nà Danh",
           "Bó Lếch", "Pác Giang", "Hang Slấn"]  # fmt: skip


def _pick(rng: random.Random, weighted):
    x, total = rng.random(), 0.0
    for value, share in weighted:
        total += share
        if x < total:
            return value
    return weighted[-1][0]


def person_name(rng: random.Random, ethnicity: str, sex: str, surname: str | None = None) -> str:
    surname = surname or rng.choice(SURNAMES.get(ethnicity, SURNAMES["01"]))
    if sex == "M":
        return f"{surname} {rng.choice(MALE_MIDDLE)} {rng.choice(MALE_GIVEN)}"
    return f"{surname} {rng.choice(FEMALE_MIDDLE)} {rng.choice(FEMALE_GIVEN)}"


@dataclass
class Counts:
    children: int = 0
    guardians: int = 0
    circumstances: int = 0
    disabilities: int = 0
    cards: int = 0
    supports: int = 0
    registrations: int = 0
    extra: dict = field(default_factory=dict)

    def add(self, other: Counts) -> None:
        for name in ("children", "guardians", "circumstances", "disabilities", "cards", "supports", "registrations"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _schooling(rng: random.Random, age: int) -> str:
    if age < 3:
        return Child.Schooling.NOT_YET
    if age < 6:
        return Child.Schooling.PRESCHOOL if rng.random() < 0.93 else Child.Schooling.NOT_IN_SCHOOL
    if age < 11:
        return Child.Schooling.PRIMARY
    if age < 15:
        return Child.Schooling.LOWER_SECONDARY if rng.random() < 0.97 else Child.Schooling.DROPPED_OUT
    return Child.Schooling.UPPER_SECONDARY if rng.random() < 0.85 else Child.Schooling.NOT_IN_SCHOOL


def _school_name(schooling: str, commune_name: str) -> str:
    return {
        Child.Schooling.PRESCHOOL: f"Trường Mầm non {commune_name}",
        Child.Schooling.PRIMARY: f"Trường PTDTBT Tiểu học và THCS {commune_name}",
        Child.Schooling.LOWER_SECONDARY: f"Trường PTDTBT Tiểu học và THCS {commune_name}",
        Child.Schooling.UPPER_SECONDARY: "Trường THPT Chi Lăng",
    }.get(schooling, "")


def _day_between(rng: random.Random, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def generate_children(
    *,
    villages: list[Area],
    count: int,
    seed: int | str,
    on: date,
    user=None,
    history: bool = False,
    id_prefix: str = "9",
    id_offset: int = 0,
    batch: int = 2000,
) -> Counts:
    """Create ``count`` children spread over ``villages`` (one commune's), deterministic for ``seed``.

    ``on`` is the reference day: ages, cards and the year's support are as of that day.
    ``history`` also writes django-simple-history rows (demo); the benchmark skips them for speed.
    """
    if not villages or count <= 0:
        return Counts()
    commune = villages[0].parent
    rng = random.Random(f"{seed}:{commune.code if commune else villages[0].code}")
    ethnicities = {e.code: e for e in Ethnicity.objects.filter(code__in=[c for c, _s in ETHNIC_SHARES])}
    groups = {g.letter: g for g in CircumstanceGroup.objects.all()}
    weights = [rng.uniform(0.6, 1.4) for _ in villages]
    counts = Counts()
    commune_name = commune.name.removeprefix("Xã ") if commune else ""
    for start in range(0, count, batch):
        size = min(batch, count - start)
        plan = [_plan_child(rng, villages, weights, ethnicities, on, commune_name) for _ in range(size)]
        _assign_ids(plan, rng, id_prefix, id_offset + start)
        counts.add(_write(plan, rng, groups, on, user, history, commune_name))
    return counts


def _plan_child(rng, villages, weights, ethnicities, on, commune_name) -> dict:
    code = _pick(rng, ETHNIC_SHARES)
    sex = "M" if rng.random() < 0.515 else "F"
    dob = on - timedelta(days=rng.randrange(int(365.25 * 16.6)))
    surname = rng.choice(SURNAMES[code])
    age = age_on(dob, on)
    schooling = _schooling(rng, age)
    village = rng.choices(villages, weights)[0]
    child = Child(
        full_name=person_name(rng, code, sex, surname),
        date_of_birth=dob,
        registered_on=dob,  # born in the commune
        sex=sex,
        ethnicity=ethnicities[code],
        village=village,
        address=f"Xóm {rng.choice(HAMLETS)}" if rng.random() < 0.6 else "",
        poverty=_pick(rng, [(Child.Poverty.POOR, 0.14), (Child.Poverty.NEAR_POOR, 0.11), (Child.Poverty.NONE, 0.75)]),
        schooling=schooling,
        school_name=_school_name(schooling, commune_name),
    )
    child_derive_keys(child)
    return {"child": child, "code": code, "surname": surname, "age": age, "has_id": rng.random() < 0.82}


def _assign_ids(plan: list[dict], rng: random.Random, prefix: str, offset: int) -> None:
    """12-digit IDs: 3-digit (synthetic) province, century-and-sex digit, 2-digit year, 6-digit serial."""
    province = f"{prefix}{offset // 1_000_000 % 100:02d}"
    wanted = {}
    for index, item in enumerate(plan):
        child = item["child"]
        if not item["has_id"]:
            continue
        century_sex = (0 if child.sex == "M" else 1) + 2 * ((child.date_of_birth.year // 100) - 19)
        serial = (offset + index) % 1_000_000
        wanted[f"{province}{century_sex}{child.date_of_birth.year % 100:02d}{serial:06d}"] = child
    taken = set(Child.objects.filter(personal_id__in=list(wanted)).values_list("personal_id", flat=True))
    for pid, child in wanted.items():
        if pid not in taken:
            child.personal_id = pid


def _write(plan, rng, groups, on, user, history, commune_name) -> Counts:
    counts = Counts()
    children = [item["child"] for item in plan]
    for child in children:
        child.created_by = user
    if history:
        bulk_create_with_history(children, Child, batch_size=1000, default_user=user)
    else:
        Child.objects.bulk_create(children, batch_size=1000)
    counts.children = len(children)

    guardians, registrations, cards, circumstances, disabilities, supports = [], [], [], [], [], []
    year_start = date(on.year, 1, 1)
    for item in plan:
        child, code, age = item["child"], item["code"], item["age"]
        # guardians: most children live with a parent; some with grandparents
        carer = _pick(rng, [("father", 0.62), ("mother", 0.3), ("grandparent", 0.08)])
        father = person_name(rng, code, "M", item["surname"])
        mother = person_name(rng, rng.choice(["02", "07", "01"]), "F")
        phone = f"09{rng.randrange(10**8):08d}" if rng.random() < 0.75 else ""
        first = {"father": father, "mother": mother, "grandparent": person_name(rng, code, rng.choice("MF"))}[carer]
        guardians.append(Guardian(child=child, full_name=first, relation=carer, phone=phone, is_primary=True))
        if carer != "grandparent" and rng.random() < 0.55:
            other, relation = (mother, "mother") if carer == "father" else (father, "father")
            guardians.append(Guardian(child=child, full_name=other, relation=relation, is_primary=False))
        if rng.random() < 0.96:
            registrations.append(
                BirthRegistration(
                    child=child,
                    registered_on=min(on, child.date_of_birth + timedelta(days=rng.randrange(5, 60))),
                    place=f"UBND xã {commune_name}",
                    book_number=f"{child.date_of_birth.year}/{rng.randrange(1, 200):03d}",
                )
            )
        # health insurance: free card for under-6s (about 93% hold a valid one); school cards for older children
        if age < 6 and rng.random() < 0.93:
            end = years_before(child.date_of_birth, -6) - timedelta(days=1)
            cards.append(
                HealthInsurance(
                    child=child,
                    card_number=f"TE1{rng.randrange(10, 99)}{rng.randrange(10**10):010d}",
                    valid_from=child.date_of_birth,
                    valid_to=end,
                )
            )
        elif 6 <= age < 16 and rng.random() < 0.6:
            cards.append(
                HealthInsurance(
                    child=child,
                    card_number=f"HS4{rng.randrange(10, 99)}{rng.randrange(10**10):010d}",
                    valid_from=year_start,
                    valid_to=date(on.year, 12, 31),
                )
            )
        # special circumstances and the year's support
        letters = []
        for letter, share in CIRCUMSTANCE_SHARES:
            if letter == "h" and not 11 <= age < 16 or letter == "e" and age < 12:
                continue
            if rng.random() < share:
                letters.append(letter)
        level = None
        for letter in letters:
            start = _day_between(rng, child.date_of_birth, on)
            circumstances.append(ChildCircumstance(child=child, group=groups[letter], start_date=start))
            if letter == "d":
                level = _pick(rng, DISABILITY_LEVELS)
                disabilities.append(
                    Disability(child=child, type=_pick(rng, DISABILITY_TYPES), level=level, certified_on=start)
                )
        if letters and rng.random() < 0.8:
            coefficient = ALLOWANCE_COEFFICIENT.get(level) or max(
                (ALLOWANCE_COEFFICIENT.get(x, 0) for x in letters), default=0
            )
            if coefficient:
                for month in range(1, on.month + 1, 3):  # paid quarterly
                    supports.append(
                        Support(
                            child=child,
                            kind=Support.Kind.ALLOWANCE,
                            date=date(on.year, month, 10),
                            amount=int(coefficient * BASE_LEVEL_2021 * 3),
                            source=Support.Source.STATE,
                            note="Trợ cấp xã hội hằng tháng (chi theo quý)",
                        )
                    )
            else:
                kind = _pick(rng, [("health", 0.3), ("education", 0.4), ("counselling", 0.1), ("gift", 0.2)])
                supports.append(
                    Support(
                        child=child,
                        kind=kind,
                        date=_day_between(rng, year_start, on),
                        amount=None if kind == "counselling" else rng.randrange(2, 21) * 100_000,
                        source=_pick(rng, [("fund", 0.5), ("donor", 0.3), ("state", 0.2)]),
                    )
                )
        elif child.poverty != Child.Poverty.NONE and age < 16 and rng.random() < 0.3 and on >= date(on.year, 6, 1):
            supports.append(
                Support(
                    child=child,
                    kind=Support.Kind.GIFT,
                    date=date(on.year, 6, 1),
                    amount=rng.choice([200_000, 300_000, 500_000]),
                    source=Support.Source.FUND,
                    note="Quà Tết Thiếu nhi 1/6",
                )
            )

    for model, rows, name in (
        (Guardian, guardians, "guardians"),
        (BirthRegistration, registrations, "registrations"),
        (HealthInsurance, cards, "cards"),
        (ChildCircumstance, circumstances, "circumstances"),
        (Disability, disabilities, "disabilities"),
        (Support, supports, "supports"),
        (Residence, [Residence(child=c, village=c.village, start_date=c.registered_on) for c in children], None),
    ):
        for row in rows:
            row.child_id = row.child.pk
            if model is Support:
                row.recorded_by = user
        if history:
            bulk_create_with_history(rows, model, batch_size=1000, default_user=user)
        else:
            model.objects.bulk_create(rows, batch_size=1000)
        if name:
            setattr(counts, name, len(rows))
    return counts


# --- synthetic areas -------------------------------------------------------------------------------


def _area(code: str, name: str, kind: str, parent: Area | None) -> Area:
    area = Area.objects.filter(code=code).first()
    if area is None:
        area = Area(
            code=code,
            name=name,
            kind=kind,
            parent=parent,
            terrain=Area.Terrain.MOUNTAINOUS if kind == "commune" else "",
        )
        area.full_clean()
        area.save()
    return area


@transaction.atomic
def build_areas(
    *, communes: int, villages_per_commune: int, seed: int, parent: Area | None = None, communes_per_district: int = 20
) -> list[tuple[Area, list[Area]]]:
    """A synthetic province (or districts under ``parent``): codes ``S<seed>…``, names marked "(tổng hợp)".

    Idempotent: existing areas with the same codes are reused.
    """
    prefix = f"S{seed}"
    if parent is None:
        parent = _area(prefix, f"Tỉnh tổng hợp {seed}", Area.Kind.PROVINCE, None)
    out = []
    district = parent
    for c in range(communes):
        if parent.kind == Area.Kind.PROVINCE and c % communes_per_district == 0:
            d = c // communes_per_district + 1
            district = _area(f"{prefix}D{d:02d}", f"Huyện tổng hợp {d}", Area.Kind.DISTRICT, parent)
        commune = _area(f"{prefix}C{c + 1:03d}", f"Xã tổng hợp {c + 1:03d}", Area.Kind.COMMUNE, district)
        villages = [
            _area(f"{commune.code}V{v + 1:02d}", f"Thôn {v + 1}", Area.Kind.VILLAGE, commune)
            for v in range(villages_per_commune)
        ]
        out.append((commune, villages))
    return out


def generate_province(
    *,
    communes: int,
    villages_per_commune: int,
    children_per_commune: int,
    seed: int,
    on: date,
    parent: Area | None = None,
    progress=None,
) -> Counts:
    """Areas and children of a synthetic province; communes that already have children are skipped."""
    total = Counts()
    layout = build_areas(communes=communes, villages_per_commune=villages_per_commune, seed=seed, parent=parent)
    for index, (_commune, villages) in enumerate(layout):
        if Child.objects.filter(village__in=villages).exists():
            continue
        with transaction.atomic():
            counts = generate_children(
                villages=villages,
                count=children_per_commune,
                seed=seed,
                on=on,
                id_offset=index * children_per_commune,
            )
        total.add(counts)
        if progress:
            progress(index + 1, len(layout), total)
    return total
