from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read API for the level above and DHIS2 data value sets (the top layer: it reads reporting)."""

    name = "api"
    verbose_name = _("indicator exchange (API)")
