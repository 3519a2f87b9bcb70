from django.urls import path

from . import views

app_name = "programs"
urlpatterns = [
    # plans
    path("", views.plan_list, name="plan_list"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/approve/", views.plan_approve, name="plan_approve"),
    path("<int:pk>/reopen/", views.plan_reopen, name="plan_reopen"),
    path("<int:pk>/copy/", views.plan_copy, name="plan_copy"),
    # targets
    path("<int:plan_pk>/targets/new/", views.target_edit, name="target_create"),
    path("<int:plan_pk>/targets/<int:pk>/edit/", views.target_edit, name="target_edit"),
    path("targets/<int:pk>/", views.target_detail, name="target_detail"),
    path("targets/<int:pk>/children/", views.target_children, name="target_children"),
    # activities and assignments
    path("<int:plan_pk>/activities/new/", views.activity_edit, name="activity_create"),
    path("<int:plan_pk>/activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("<int:plan_pk>/tasks/new/", views.assignment_edit, name="assignment_create"),
    path("<int:plan_pk>/tasks/<int:pk>/edit/", views.assignment_edit, name="assignment_edit"),
    path("tasks/", views.my_tasks, name="my_tasks"),
    path("tasks/<int:pk>/", views.assignment_detail, name="assignment_detail"),
    path("tasks/<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    # events and gift lists
    path("<int:plan_pk>/events/new/", views.event_edit, name="event_create"),
    path("<int:plan_pk>/events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/request-payment/", views.event_request_payment, name="event_request_payment"),
    path("events/<int:pk>/gift-lists/new/", views.gift_list_create, name="gift_list_create"),
    path("gift-lists/<int:pk>/", views.gift_list_detail, name="gift_list"),
    path("gift-lists/<int:pk>/add/", views.gift_list_add, name="gift_list_add"),
    path("gift-lists/<int:pk>/remove/<int:recipient_pk>/", views.gift_list_remove, name="gift_list_remove"),
    path("gift-lists/<int:pk>/request-payment/", views.gift_list_request_payment, name="gift_list_request_payment"),
    path("gift-lists/<int:pk>/pdf/", views.gift_list_pdf, name="gift_list_pdf"),
    # Children's Forum
    path("<int:plan_pk>/forums/new/", views.forum_create, name="forum_create"),
    path("forums/<int:pk>/", views.forum_detail, name="forum_detail"),
    # drowning-risk sites
    path("sites/", views.site_list, name="site_list"),
    path("sites/new/", views.site_edit, name="site_create"),
    path("sites/<int:pk>/edit/", views.site_edit, name="site_edit"),
    # training log
    path("trainings/", views.training_list, name="training_list"),
    path("trainings/new/", views.training_create, name="training_create"),
    # child-friendly assessment
    path("assessments/", views.assessment_list, name="assessment_list"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
]
