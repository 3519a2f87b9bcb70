"""Routes about a child's personal data, mounted by ``children/urls.py`` in the "children" namespace
(before the generic record routes, whose ``<slug:kind>`` would otherwise take "consent")."""

from django.urls import path

from . import views

urlpatterns = [
    path("access-log/", views.access_log, name="access_log"),
    path("<int:pk>/consent/add/", views.consent_add, name="consent_add"),
    path("<int:pk>/consent/<int:consent_pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/basis/", views.basis_edit, name="basis_edit"),
    path("<int:pk>/basis/<int:basis_pk>/clear/", views.basis_clear, name="basis_clear"),
    path("<int:pk>/requests/add/", views.request_add, name="request_add"),
    path("<int:pk>/requests/<int:request_pk>/decide/", views.request_decide, name="request_decide"),
    path("<int:pk>/requests/<int:request_pk>/done/", views.request_complete, name="request_complete"),
    path("<int:pk>/held-data.pdf", views.held_data_pdf, name="held_data_pdf"),
]
