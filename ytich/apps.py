from django.apps import AppConfig


class YtichConfig(AppConfig):
    name = "ytich"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import stamp_session_on_login

        user_logged_in.connect(stamp_session_on_login, dispatch_uid="ytich.stamp_session_on_login")
