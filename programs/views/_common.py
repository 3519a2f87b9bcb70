"""Helpers shared by the plan's pages."""

from django.shortcuts import render
from django.utils import timezone


def _form_page(request, form, *, title, back, plan=None, multipart=False, intro="", offline=""):
    """``offline``: the kind of draft a phone may keep for this form while offline (offline.sync)."""
    return render(
        request,
        "programs/form.html",
        {
            "form": form,
            "title": title,
            "back": back,
            "plan": plan,
            "multipart": multipart,
            "intro": intro,
            "offline": offline,
        },
    )


def _today():
    return timezone.localdate()
