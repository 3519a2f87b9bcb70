"""Record sign-ins, sign-outs and failed sign-ins (the audit trail of who used the portal)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from core.clientip import client_ip

from .models import AuthEvent


def _ip(request) -> str | None:
    """The client's address, behind the proxies as the lockout sees it (``core.clientip``)."""
    return client_ip(request) if request is not None else None


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    AuthEvent.objects.create(
        kind=AuthEvent.Kind.LOGIN, user=user, username=user.get_username(), ip_address=_ip(request)
    )


@receiver(user_logged_out)
def record_logout(sender, request, user, **kwargs):
    if user is not None:
        AuthEvent.objects.create(
            kind=AuthEvent.Kind.LOGOUT, user=user, username=user.get_username(), ip_address=_ip(request)
        )


@receiver(user_login_failed)
def record_failed_login(sender, credentials, request=None, **kwargs):
    AuthEvent.objects.create(
        kind=AuthEvent.Kind.FAILED, username=str(credentials.get("username", ""))[:150], ip_address=_ip(request)
    )
