"""Drafts typed on a phone without a connection and sent later: each carries a UUID made on the
phone, and the answer given to it is kept, so a draft sent twice (a lost reply, two tabs) is
processed once and answered the same way again."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProcessedDraft(models.Model):
    class Outcome(models.TextChoices):
        DONE = "done", pgettext_lazy("offline draft", "done")
        CONFLICT = "conflict", pgettext_lazy("offline draft", "conflict")
        REFUSED = "refused", pgettext_lazy("offline draft", "refused")

    uuid = models.UUIDField(_("draft UUID"), primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20)
    outcome = models.CharField(_("processing outcome"), max_length=10, choices=Outcome.choices)
    answer = models.JSONField(_("answer"))
    processed_at = models.DateTimeField(_("processed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("processed offline draft")
        verbose_name_plural = _("processed offline drafts")
        ordering = ["-processed_at"]

    def __str__(self):
        return f"{self.kind} {self.uuid} ({self.outcome})"
