from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom layer: helpers every app may import (formatting, documents, downloads, uploads,
    typed values). It imports no app of the portal."""

    name = "core"
    verbose_name = "core"

    def ready(self):
        from . import memo, sqlite

        sqlite.connect()
        memo.connect()
