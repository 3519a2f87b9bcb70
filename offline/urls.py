from django.urls import path

from . import views

app_name = "offline"
urlpatterns = [
    path("sync/", views.sync, name="sync"),
]
