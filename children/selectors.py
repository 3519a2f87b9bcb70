"""Reads of the registry that a user makes. Every list, page and export starts here.

``children_visible_to(user)`` is the one scoped queryset of children; ``get_child_for_user``
fetches one child or answers 404 when it is outside the user's scope.
"""

from accounts import scope

from .models import Child


def children_visible_to(user, perm: str = "registry.view"):
    """Children in villages where ``user`` holds ``perm`` (default: may read the registry)."""
    return scope.scoped(Child.objects.all(), user, perm, "village")


def get_child_for_user(user, pk: int, perm: str = "registry.view") -> Child:
    """One child in the user's scope; 404 for a missing or out-of-scope child."""
    return scope.get_or_404(children_visible_to(user, perm).select_related("village", "ethnicity"), pk=pk)
