"""Monthly social allowances, mounted at /children/allowances/ (namespace ``children:allowances``)."""

from django.urls import path

from . import views

app_name = "allowances"
urlpatterns = [
    path("", views.monthly, name="list"),
    path("list.pdf", views.monthly_pdf, name="list_pdf"),
    path("list.xlsx", views.monthly_xlsx, name="list_xlsx"),
    path("pay/", views.pay, name="pay"),
    path("proposals/", views.proposal_list, name="proposals"),
    path("proposals/<int:child_pk>/confirm/", views.proposal_confirm, name="confirm"),
    path("entitlements/", views.entitlement_list, name="entitlements"),
    path("entitlements/<int:pk>/", views.entitlement_detail, name="detail"),
    path("rules/", views.rules, name="rules"),
]
