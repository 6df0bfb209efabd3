"""Certificates: the learner's own, and public verification (under the language prefix)."""

from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("", views.MyCertificatesView.as_view(), name="mine"),
    path("verify/", views.VerifyFormView.as_view(), name="verify_form"),
    path("verify/<str:code>/", views.VerifyView.as_view(), name="verify"),
    path("<str:code>/download/", views.DownloadView.as_view(), name="download"),
    path("<str:code>/badge/", views.BadgeView.as_view(), name="badge"),
    path("<str:code>/renew/", views.RenewView.as_view(), name="renew"),
]
