"""Rate limit per user (token or session), counted in Django's default cache."""

from django.conf import settings
from rest_framework.throttling import UserRateThrottle


class PerUserRateThrottle(UserRateThrottle):
    """``settings.API_RATE_LIMIT`` requests per user (e.g. "120/min"); read on each request so it can change."""

    scope = "user"

    def get_rate(self):
        return settings.API_RATE_LIMIT
