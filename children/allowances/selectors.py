"""Reads of allowances a user makes: which areas' lists they may open, one entitlement (404 outside the
scope), and whether a reason may be shown (a reason from a confidential group only with ``cases.view``)."""

from accounts import privacy, scope
from accounts.models import Area

from .models import Entitlement

VIEW = "allowances.view"


def list_areas(user) -> list[Area]:
    """The communes and villages whose list ``user`` may open (a village head: their village)."""
    return list(scope.areas_for(user, VIEW).filter(kind__in=[Area.Kind.COMMUNE, Area.Kind.VILLAGE]).order_by("path"))


def get_area_for_user(user, pk) -> Area:
    return scope.get_or_404(scope.areas_for(user, VIEW).filter(kind__in=[Area.Kind.COMMUNE, Area.Kind.VILLAGE]), pk=pk)


def entitlements_visible_to(user, perm: str = VIEW):
    return scope.scoped(Entitlement.objects.all(), user, perm, "child__village").select_related(
        "child", "child__village", "commune"
    )


def get_entitlement_for_user(user, pk: int, perm: str = VIEW) -> Entitlement:
    return scope.get_or_404(entitlements_visible_to(user, perm), pk=pk)


def reason_visible(user, entitlement: Entitlement) -> bool:
    """Whether ``user`` may read the reason and category: always, unless the reason is confidential."""
    return not entitlement.confidential or privacy.sees_confidential(user, entitlement.child.village)
