from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.index, name="index"),
    path("indicators/", views.indicator_list, name="indicators"),
    path("new-year/", views.open_year, name="open_year"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/create/", views.calendar_create, name="calendar_create"),
    path("calendar/<int:pk>/edit/", views.period_edit, name="period_edit"),
    path("ad-hoc/new/", views.adhoc_create, name="adhoc_create"),
    path("periods/<int:pk>/", views.period_detail, name="period"),
    path("periods/<int:pk>/export.xlsx", views.period_export, name="period_export"),
    path("periods/<int:pk>/areas/<int:area_pk>/", views.report, name="report"),
    path("reports/<int:pk>/", views.submission_detail, name="submission"),
    path("reports/<int:pk>/submit/", views.submission_submit, name="submit"),
    path("reports/<int:pk>/approve/", views.submission_approve, name="approve"),
    path("reports/<int:pk>/accept/", views.submission_accept, name="accept"),
    path("reports/<int:pk>/return/", views.submission_return, name="return"),
    path("reports/<int:pk>/withdraw/", views.submission_withdraw, name="withdraw"),
    path("reports/<int:pk>/reopen/", views.submission_reopen, name="reopen"),
    path("reports/<int:pk>/report.pdf", views.submission_pdf, name="submission_pdf"),
    path("reports/<int:pk>/report.xlsx", views.submission_xlsx, name="submission_xlsx"),
]
