from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllowancesConfig(AppConfig):
    """Monthly social allowances live inside the registry (children/) but keep their own tables and migrations."""

    name = "children.allowances"
    label = "allowances"
    verbose_name = _("monthly social allowances")
