from django.urls import path

from .views import assessment, events, forum, plans, sites, targets, tasks, training

app_name = "programs"
urlpatterns = [
    # plans
    path("", plans.plan_list, name="plan_list"),
    path("new/", plans.plan_create, name="plan_create"),
    path("<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("<int:pk>/approve/", plans.plan_approve, name="plan_approve"),
    path("<int:pk>/reopen/", plans.plan_reopen, name="plan_reopen"),
    path("<int:pk>/copy/", plans.plan_copy, name="plan_copy"),
    path("<int:pk>/pdf/", plans.plan_pdf, name="plan_pdf"),
    # targets
    path("<int:plan_pk>/targets/new/", targets.target_edit, name="target_create"),
    path("<int:plan_pk>/targets/<int:pk>/edit/", targets.target_edit, name="target_edit"),
    path("targets/<int:pk>/", targets.target_detail, name="target_detail"),
    path("targets/<int:pk>/children/", targets.target_children, name="target_children"),
    # activities and assignments
    path("<int:plan_pk>/activities/new/", tasks.activity_edit, name="activity_create"),
    path("<int:plan_pk>/activities/<int:pk>/edit/", tasks.activity_edit, name="activity_edit"),
    path("<int:plan_pk>/tasks/new/", tasks.assignment_edit, name="assignment_create"),
    path("<int:plan_pk>/tasks/<int:pk>/edit/", tasks.assignment_edit, name="assignment_edit"),
    path("tasks/", tasks.my_tasks, name="my_tasks"),
    path("tasks/<int:pk>/", tasks.assignment_detail, name="assignment_detail"),
    path("tasks/<int:pk>/evidence/", tasks.evidence_upload, name="evidence_upload"),
    path("evidence/<int:pk>/", tasks.evidence_file, name="evidence_file"),
    # events and gift lists
    path("<int:plan_pk>/events/new/", events.event_edit, name="event_create"),
    path("<int:plan_pk>/events/<int:pk>/edit/", events.event_edit, name="event_edit"),
    path("events/<int:pk>/", events.event_detail, name="event_detail"),
    path("events/<int:pk>/request-payment/", events.event_request_payment, name="event_request_payment"),
    path("events/<int:pk>/gift-lists/new/", events.gift_list_create, name="gift_list_create"),
    path("gift-lists/<int:pk>/", events.gift_list_detail, name="gift_list"),
    path("gift-lists/<int:pk>/add/", events.gift_list_add, name="gift_list_add"),
    path("gift-lists/<int:pk>/remove/<int:recipient_pk>/", events.gift_list_remove, name="gift_list_remove"),
    path("gift-lists/<int:pk>/request-payment/", events.gift_list_request_payment, name="gift_list_request_payment"),
    path("gift-lists/<int:pk>/pdf/", events.gift_list_pdf, name="gift_list_pdf"),
    # Children's Forum
    path("<int:plan_pk>/forums/new/", forum.forum_create, name="forum_create"),
    path("forums/<int:pk>/", forum.forum_detail, name="forum_detail"),
    # drowning-risk sites
    path("sites/", sites.site_list, name="site_list"),
    path("sites/new/", sites.site_edit, name="site_create"),
    path("sites/<int:pk>/edit/", sites.site_edit, name="site_edit"),
    # training log
    path("trainings/", training.training_list, name="training_list"),
    path("trainings/new/", training.training_create, name="training_create"),
    # child-friendly assessment
    path("assessments/", assessment.assessment_list, name="assessment_list"),
    path("assessments/<int:pk>/", assessment.assessment_detail, name="assessment_detail"),
]
