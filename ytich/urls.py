from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from accounts.forms import LoginForm
from offline import views as offline_views

from . import views

admin.site.site_header = "Bảo vệ trẻ em — Quản trị"
admin.site.site_title = "Bảo vệ trẻ em"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    # the installable app: served from the root so that the service worker may handle every page
    path("sw.js", offline_views.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline_views.manifest, name="manifest"),
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("i18n/js/", login_not_required(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
]

# Each portal app that has pages mounts them under its own name.
for app in settings.PORTAL_APPS[1:]:
    if "." not in app:
        urlpatterns.append(path(f"{app}/", include(f"{app}.urls")))
