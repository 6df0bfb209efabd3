"""The sandbox's screens: a learner's own sandbox, and a trainer's read-only view of a learner's."""

from django.urls import path

from sandbox import views

app_name = "sandbox"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("reset/", views.ResetView.as_view(), name="reset"),
    path("role/", views.RoleSwitchView.as_view(), name="role_switch"),
    path("people/", views.PersonSearchView.as_view(), name="person_search"),
    path("people/<int:uid>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("movements/new/", views.MovementCreateView.as_view(), name="movement_create"),
    path("scans/", views.ScanTriageView.as_view(), name="scan_triage"),
    path("scans/<int:uid>/decide/", views.ScanDecideView.as_view(), name="scan_decide"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("exercises/<uuid:token>/", views.ExerciseDetailView.as_view(), name="exercise_detail"),
    path("exercises/<uuid:token>/answer/", views.ExerciseAnswerView.as_view(), name="exercise_answer"),
    path("statistics/daily/", views.DailyStatisticsView.as_view(), name="statistics_daily"),
    # The secondary line: referred travellers, a referral's case, a hit's disposition.
    path("secondary/", views.SecondaryQueueView.as_view(), name="secondary_queue"),
    path("secondary/<int:movement_uid>/", views.SecondaryCaseView.as_view(), name="secondary_case"),
    path("secondary/hits/<int:uid>/adjudicate/", views.HitAdjudicateView.as_view(), name="hit_adjudicate"),
    # Alerts: the alert manager's list, new alert, an alert and its changes (four eyes).
    path("alerts/", views.AlertListView.as_view(), name="alert_list"),
    path("alerts/new/", views.AlertCreateView.as_view(), name="alert_create"),
    path("alerts/<int:uid>/", views.AlertDetailView.as_view(), name="alert_detail"),
    path("alerts/<int:uid>/change/", views.AlertChangeView.as_view(), name="alert_change"),
    path("alerts/<int:uid>/approval/", views.AlertRequestApprovalView.as_view(), name="alert_request_approval"),
    # Consultation: the country's hit/no-hit queries to other members, a new query, its answers.
    path("consultations/", views.ConsultationListView.as_view(), name="consultation_list"),
    path("consultations/new/", views.ConsultationCreateView.as_view(), name="consultation_create"),
    path("consultations/<int:uid>/", views.ConsultationDetailView.as_view(), name="consultation_detail"),
    # The country's audit log, for focal points and supervisors.
    path("audit/", views.AuditListView.as_view(), name="audit_list"),
    # The reviewer's flags on events of the log (DOMAIN.md 5c #13).
    path("audit/flag/", views.AuditFlagView.as_view(), name="audit_flag"),
    # Information requests after a hit, and the focal point's queue of other members' requests.
    path(
        "consultations/<int:uid>/results/<int:result_uid>/request/",
        views.RequestCreateView.as_view(),
        name="request_create",
    ),
    path("requests/incoming/", views.IncomingListView.as_view(), name="incoming_list"),
    path("requests/incoming/<int:uid>/answer/", views.IncomingAnswerView.as_view(), name="incoming_answer"),
    path("requests/<int:uid>/", views.RequestDetailView.as_view(), name="request_detail"),
    # Trainers: the same screens over a learner's sandbox, read-only.
    path("learners/", views.LearnerListView.as_view(), name="learner_list"),
    path("learners/<int:sandbox_id>/", views.HomeView.as_view(), name="learner_sandbox"),
    path("learners/<int:sandbox_id>/people/", views.PersonSearchView.as_view(), name="learner_person_search"),
    path(
        "learners/<int:sandbox_id>/people/<int:uid>/",
        views.PersonDetailView.as_view(),
        name="learner_person_detail",
    ),
    path("learners/<int:sandbox_id>/scans/", views.ScanTriageView.as_view(), name="learner_scan_triage"),
    path("learners/<int:sandbox_id>/statistics/", views.StatisticsView.as_view(), name="learner_statistics"),
    path(
        "learners/<int:sandbox_id>/exercises/<uuid:token>/",
        views.ExerciseDetailView.as_view(),
        name="learner_exercise_detail",
    ),
    path(
        "learners/<int:sandbox_id>/statistics/daily/",
        views.DailyStatisticsView.as_view(),
        name="learner_statistics_daily",
    ),
    path("learners/<int:sandbox_id>/secondary/", views.SecondaryQueueView.as_view(), name="learner_secondary_queue"),
    path("learners/<int:sandbox_id>/alerts/", views.AlertListView.as_view(), name="learner_alert_list"),
    path("learners/<int:sandbox_id>/alerts/<int:uid>/", views.AlertDetailView.as_view(), name="learner_alert_detail"),
    path("learners/<int:sandbox_id>/changes/<slug:kind>/", views.LearnerChangesView.as_view(), name="learner_changes"),
]
