"""Registry pages, mounted at /children/ in the "children" namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.child_list, name="list"),
    path("new/", views.child_register, name="register"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("<int:pk>/", views.child_detail, name="detail"),
    path("<int:pk>/edit/", views.child_edit, name="edit"),
    path("<int:pk>/archive/", views.child_archive, name="archive"),
    path("<int:pk>/restore/", views.child_restore, name="restore"),
    path("<int:pk>/<slug:kind>/add/", views.record_add, name="record_add"),
    path("<int:pk>/<slug:kind>/<int:record_pk>/edit/", views.record_edit, name="record_edit"),
    path("<int:pk>/<slug:kind>/<int:record_pk>/delete/", views.record_delete, name="record_delete"),
]
