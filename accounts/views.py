from django.shortcuts import render

from . import scope
from .models import AuthEvent


def profile(request):
    """Who am I, which roles do I hold where, and my recent sign-ins."""
    events = AuthEvent.objects.filter(user=request.user)[:10]
    return render(
        request,
        "accounts/profile.html",
        {"memberships": scope.memberships(request.user), "events": events},
    )


def area_list(request):
    """The areas this user may read, as an indented tree."""
    areas = scope.readable_areas(request.user).select_related("parent").order_by("path")
    return render(request, "accounts/area_list.html", {"areas": areas})
