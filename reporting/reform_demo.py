"""The demo's 2025 reform, run by ``seed_demo`` after the 2022 history: on 01/07/2025 the Chi Lăng
district is gone (it closes on 30/06/2025 in ``accounts.demo``) and Y Tịch and its neighbour Hòa Bình
merge into one new commune under Lạng Sơn province, through the same ``merge_communes`` a province
officer runs. The 2022 history stays exactly as it was.

The name and code of the merged commune are **placeholders**: our notes say Y Tịch joined a new
"Vạn Linh" commune (Resolution 1672/NQ-UBTVQH15, 2025) but we could not confirm it, so the demo names
it "Vạn Linh (tên tạm)" with the code ``VL-DEMO`` (not an official code). The current-year demo runs
in this commune: ``merged_commune()`` finds it.
"""

from accounts.models import REFORM_DATE, Area, User

from .reform import merge_communes

MERGED_COMMUNE_CODE = "VL-DEMO"  # placeholder, not the official code
MERGED_COMMUNE_NAME = "Vạn Linh (tên tạm)"  # placeholder: the official name is not confirmed


def merged_commune() -> Area | None:
    """The demo's merged commune (where the current-year demo works), or None before the reform."""
    return Area.objects.filter(code=MERGED_COMMUNE_CODE).first()


def seed(*, context: dict, stdout=None) -> dict:
    """Merge the demo's Y Tịch and Hòa Bình into the new commune on 01/07/2025 (once)."""
    commune = merged_commune()
    if commune is None:
        move = merge_communes(
            [context["commune"], context["commune2"]], None, REFORM_DATE, False,
            target_code=MERGED_COMMUNE_CODE, target_name=MERGED_COMMUNE_NAME, parent=context["province"],
            user=User.objects.filter(username="tinh").first(),
        )  # fmt: skip
        commune = move.target
        if stdout:
            stdout.write(f"  reform: {', '.join(s.name for s in move.sources)} → {commune.name} on {date_text()}")
    return {"merged_commune": commune}


def date_text() -> str:
    return REFORM_DATE.strftime("%d/%m/%Y")
