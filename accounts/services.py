"""Writes of the accounts app that are not the admin's: the commune's document settings."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .audit import acting_as
from .letterhead import DOCUMENT_KINDS
from .models import Area, DocumentSettings


@transaction.atomic
def document_settings_save(
    *, commune: Area, year: int, user, recipients: dict[str, list[str]], sign_authority: str, sign_title: str,
    signer_name: str,
) -> DocumentSettings:  # fmt: skip
    """Set who receives each kind of the commune's documents in ``year`` and who signs them.
    Later years without settings of their own follow these."""
    if commune.kind != Area.Kind.COMMUNE:
        raise ValidationError(_("Choose a commune."))
    unknown = set(recipients) - set(DOCUMENT_KINDS)
    if unknown:
        raise ValidationError(_("Unknown kind of document: %(kinds)s.") % {"kinds": ", ".join(sorted(unknown))})
    settings, _created = DocumentSettings.objects.select_for_update().get_or_create(commune=commune, year=year)
    settings.recipients = {kind: [line for line in lines if line.strip()] for kind, lines in recipients.items()}
    settings.sign_authority, settings.sign_title, settings.signer_name = sign_authority, sign_title, signer_name
    settings.updated_by = user
    settings.full_clean()
    acting_as(settings, user).save()
    return settings
