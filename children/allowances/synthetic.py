"""Synthetic allowances for the benchmark's province: every child the rules make eligible gets an
entitlement decided in the year of ``on`` (one in ten decided two months late, so lists carry arrears)."""

from __future__ import annotations

import random
from datetime import date

from accounts.models import Area

from . import services
from .models import Entitlement


def generate_entitlements(area: Area, *, on: date, seed: int = 16) -> int:
    rng = random.Random(seed)
    rules = services.Rules()
    made = []
    for number, proposal in enumerate(services.proposals(area, on=on, rules=rules), 1):
        start = date(on.year, rng.randint(1, on.month), 1)
        late = rng.random() < 0.1 and start.month + 2 <= on.month
        decided = services.add_months(start, 2 if late else 0).replace(day=rng.randint(1, 28))
        made.append(
            Entitlement(
                child=proposal.child,
                commune_id=proposal.child.village.parent_id,
                category=proposal.category,
                reason=proposal.reason,
                confidential=proposal.confidential,
                circumstance=proposal.circumstance,
                disability=proposal.disability,
                decision_number=f"{number}/QĐ-UBND",
                decision_date=decided,
                decision_issuer="Chủ tịch UBND xã",
                start_month=start,
            )  # fmt: skip
        )
    Entitlement.objects.bulk_create(made, batch_size=2000)
    return len(made)
