"""Learner actions and pages outside the page tree. Course, module and lesson pages are Wagtail's."""

from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("my-learning/", views.MyLearningView.as_view(), name="my_learning"),
    path("<int:course_id>/enrol/", views.EnrolView.as_view(), name="enrol"),
    path("lessons/<int:lesson_id>/complete/", views.LessonCompleteView.as_view(), name="lesson_complete"),
    path(
        "lessons/<int:lesson_id>/quizzes/<str:block_id>/start/",
        views.AttemptStartView.as_view(),
        name="attempt_start",
    ),
    path(
        "lessons/<int:lesson_id>/exercises/<str:block_id>/start/",
        views.ExerciseStartView.as_view(),
        name="exercise_start",
    ),
    path(
        "lessons/<int:lesson_id>/exercises/<str:block_id>/check/",
        views.ExerciseCheckView.as_view(),
        name="exercise_check",
    ),
    path(
        "lessons/<int:lesson_id>/exercises/<str:block_id>/restart/",
        views.ExerciseRestartView.as_view(),
        name="exercise_restart",
    ),
    path("attempts/<uuid:token>/", views.AttemptDetailView.as_view(), name="attempt_detail"),
    path("attempts/<uuid:token>/submit/", views.AttemptSubmitView.as_view(), name="attempt_submit"),
]
