from django.urls import path

from . import views

app_name = "funds"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.fund_detail, name="fund_detail"),
    path("<int:pk>/years/open/", views.year_open, name="year_open"),
    path("years/<int:pk>/close/", views.year_close, name="year_close"),
    path("<int:pk>/entries/new/", views.entry_create, name="entry_create"),
    path("<int:pk>/cash-book/", views.cash_book, name="cash_book"),
    path("<int:pk>/cash-book.xlsx", views.cash_book_export, {"fmt": "xlsx"}, name="cash_book_xlsx"),
    path("<int:pk>/cash-book.pdf", views.cash_book_export, {"fmt": "pdf"}, name="cash_book_pdf"),
    path("<int:pk>/public-report/", views.public_report, name="public_report"),
    path("<int:pk>/public-report.pdf", views.public_report_pdf, name="public_report_pdf"),
    path("entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/submit/", views.entry_submit, name="entry_submit"),
    path("entries/<int:pk>/approve/", views.entry_approve, name="entry_approve"),
    path("entries/<int:pk>/reject/", views.entry_reject, name="entry_reject"),
    path("entries/<int:pk>/return/", views.entry_return, name="entry_return"),
    path("entries/<int:pk>/post/", views.entry_post, name="entry_post"),
    path("entries/<int:pk>/reverse/", views.entry_reverse, name="entry_reverse"),
    path("entries/<int:pk>/discard/", views.entry_discard, name="entry_discard"),
    path("entries/<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("entries/<int:pk>/voucher.pdf", views.voucher, name="voucher"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
]
