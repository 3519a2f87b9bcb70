from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("me/", views.profile, name="profile"),
    path("areas/", views.area_list, name="areas"),
    path("documents/<int:commune_pk>/", views.document_settings, name="documents"),
]
