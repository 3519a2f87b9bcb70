"""Demo allowances for Y Tịch: the children the rules make eligible in 2022 get their decisions that
year, the lists are paid every month from 01/2022 until the commune is merged in the 2025 reform (across
the base level of 01/07/2024), one decision comes late (arrears), and one child turns 16 (the allowance
stops by itself). After the reform ``seed_demo`` pays the merged commune's lists with ``pay_months`` up to
last month, so this month's list is left unpaid, ready to be marked paid. Hand-typed 2022 allowance records of these children (the registry
generator's quarterly amounts) give way to the paid lists, so nothing is counted twice.
Idempotent: nothing is added when the commune already has allowances.
"""

from datetime import date, timedelta

from django.utils import timezone

from accounts.models import REFORM_DATE, User
from children.models import Support

from . import services
from .models import Entitlement, PaymentList

FIRST_MONTH = date(2022, 1, 1)
PAYER = "Lương Thị Hạnh"
LATE = (date(2024, 5, 1), date(2024, 9, 10))  # applied in May 2024, decided in September: 4 months in arrears


def seed(*, context: dict, stdout=None) -> dict:
    commune = context.get("commune")
    if commune is None or Entitlement.objects.filter(commune=commune).exists():
        return {}
    officer = User.objects.filter(username="vhxh").first()
    accountant = User.objects.filter(username="ketoan").first()
    rules = services.Rules()
    found = services.proposals(commune, on=date(2022, 11, 1), rules=rules)
    if not found:
        return {}
    # the child turning 16 soonest after 2022 keeps the usual start; the arrears case is another child
    turning = min(found, key=lambda p: p.child.date_of_birth)
    late = next((p for p in found if p is not turning and p.category.startswith("disability")), None)
    made = []
    for number, proposal in enumerate(sorted(found, key=lambda p: p.child.pk), 1):
        if proposal is late:
            start, decided = LATE
        else:
            decided = min(max(proposal.circumstance.start_date + timedelta(days=20), date(2022, 1, 10)),
                          date(2022, 11, 20))  # fmt: skip
            start = services.month_of(decided)
        made.append(
            services.entitlement_confirm(
                user=officer,
                proposal=proposal,
                commune=commune,
                decision_number=f"{number:02d}/QĐ-UBND",
                decision_date=decided,
                decision_issuer=f"Chủ tịch UBND xã {commune.name}",
                start_month=start,
            )  # fmt: skip
        )
    # the registry generator typed quarterly allowances for 2022: the paid lists replace them
    Support.objects.filter(kind=Support.Kind.ALLOWANCE, child__in=[e.child for e in made]).delete()
    last = min(services.add_months(services.month_of(REFORM_DATE), -1), last_month())
    lists = pay_months(commune, FIRST_MONTH, last, user=accountant, rules=rules)
    if stdout:
        stdout.write(
            f"  allowances: {len(made)} entitlements, {lists} monthly lists paid "
            f"({FIRST_MONTH:%m/%Y}–{last:%m/%Y}); "
            f"arrears: {late.child if late else '—'}; turning 16: {turning.child} "
            f"({services.month_of_16th_birthday(turning.child.date_of_birth):%m/%Y})"
        )
    return {"allowance_entitlements": made}


def last_month() -> date:
    """The first day of the month before today's: the last list the demo has paid."""
    return services.add_months(services.month_of(timezone.localdate()), -1)


def pay_months(commune, first: date, last: date, *, user=None, rules=None) -> int:
    """Mark paid every non-empty monthly list of ``commune`` from ``first`` to ``last`` (months), paid on
    the 25th by the demo's payer; returns how many lists were paid. Lists already paid are left alone."""
    user = user or User.objects.filter(username="ketoan").first()
    rules = rules or services.Rules()
    month, paid = first, 0
    while month <= last:
        if (
            services.monthly_list(commune, month, rules=rules).lines
            and not PaymentList.objects.filter(commune=commune, month=month).exists()
        ):
            services.list_mark_paid(user=user, commune=commune, month=month,
                                    paid_on=month + timedelta(days=24), payer=PAYER, rules=rules)  # fmt: skip
            paid += 1
        month = services.add_months(month, 1)
    return paid
