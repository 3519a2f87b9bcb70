"""Demo children for Y Tịch (synthetic, deterministic): about 1,200 in Thôn 1…8 and a few in Hòa Bình.

Names are plausible Tày, Nùng and Kinh names drawn by ``children.synthetic`` from a fixed seed;
personal identification numbers start with 9 (no real province), so none is a real person's.
Idempotent: when the villages already have children, nothing is added.
"""

from datetime import date

from accounts.models import User

from .models import Child
from .privacy import demo as privacy_demo
from .synthetic import generate_children

DEMO_SEED = 2022
DEMO_DAY = date(2022, 11, 1)  # the demo year is 2022: ages, cards and the year's support as of this day
Y_TICH_CHILDREN = 1200
HOA_BINH_CHILDREN = 30


def seed(*, context: dict, stdout=None) -> dict:
    villages = context["villages"]
    village2 = context["village2"]
    officer = User.objects.filter(username="vhxh").first()
    made = 0
    # by residence: since 01/07/2025 the demo's children live in the merged commune (reporting.reform_demo)
    if not Child.objects.filter(residences__village__in=villages).exists():
        made += generate_children(
            villages=villages, count=Y_TICH_CHILDREN, seed=DEMO_SEED, on=DEMO_DAY, user=officer, history=True
        ).children
    if not Child.objects.filter(residences__village=village2).exists():
        made += generate_children(
            villages=[village2],
            count=HOA_BINH_CHILDREN,
            seed=DEMO_SEED,
            on=DEMO_DAY,
            user=User.objects.filter(username="vhxh2").first(),
            history=True,
            id_offset=Y_TICH_CHILDREN,
        ).children
    if stdout:
        stdout.write(f"  children: {made} added, {Child.objects.count()} in the registry")
    privacy_demo.seed(village=villages[0], on=DEMO_DAY, stdout=stdout)
    return {"demo_day": DEMO_DAY}
