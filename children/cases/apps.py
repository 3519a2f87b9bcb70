from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """Protection cases live inside the registry (children/) but keep their own tables and migrations."""

    name = "children.cases"
    label = "cases"
    verbose_name = _("protection cases")
