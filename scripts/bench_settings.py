"""Production settings with plain static files, for ``make bench``'s load test when collectstatic
cannot build the manifest (the load test measures pages, not static files)."""

from ytich.settings import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
