"""Protection cases, mounted at /children/cases/ (namespace ``children:cases``)."""

from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    # lists and intake
    path("", views.case_list, name="list"),
    path("overdue/", views.case_overdue_list, name="overdue"),
    path("new/", views.case_new, name="new"),
    # the case file and its steps
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/pdf/", views.case_pdf, name="pdf"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/verify/", views.case_verify, name="verify"),
    path("<int:pk>/initial-assessment/", views.case_initial, name="initial"),
    path("<int:pk>/detailed-assessment/", views.case_detailed, name="detailed"),
    path("<int:pk>/plan/", views.case_plan, name="plan"),
    path("<int:pk>/plan/submit/", views.case_plan_submit, name="plan_submit"),
    path("<int:pk>/plan/decision/", views.case_decide, name="decide"),
    path("<int:pk>/services/<int:service_pk>/given/", views.case_service_given, name="service_given"),
    path("<int:pk>/review/", views.case_review, name="review"),
    path("<int:pk>/close/", views.case_close, name="close"),
    path("<int:pk>/circumstance/", views.case_circumstance, name="circumstance"),
    # figures (counts only) and the working-day calendar
    path("figures/", views.dashboard, name="dashboard"),
    path("holidays/", views.holidays, name="holidays"),
    path("holidays/<int:pk>/delete/", views.holiday_delete, name="holiday_delete"),
]
