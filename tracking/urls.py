from django.urls import path

from tracking import views

app_name = "tracking"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("region/", views.RegionView.as_view(), name="region"),
    path("<str:iso2>/", views.DashboardView.as_view(), name="dashboard"),
    path("<str:iso2>/people/", views.PeopleView.as_view(), name="people"),
    path("<str:iso2>/people/<int:pk>/", views.PersonView.as_view(), name="person"),
    path("<str:iso2>/rules/", views.RulesView.as_view(), name="rules"),
    path("<str:iso2>/rules/<int:pk>/", views.RuleEditView.as_view(), name="rule_edit"),
    path("<str:iso2>/rules/<int:pk>/delete/", views.RuleDeleteView.as_view(), name="rule_delete"),
    path("<str:iso2>/roster/", views.RosterView.as_view(), name="roster"),
    path("<str:iso2>/roster/template/", views.RosterTemplateView.as_view(), name="roster_template"),
    path("<str:iso2>/roster/<uuid:token>/", views.RosterCheckView.as_view(), name="roster_check"),
    path("<str:iso2>/roster/<uuid:token>/import/", views.RosterApplyView.as_view(), name="roster_apply"),
    path("<str:iso2>/reports/", views.ReportsView.as_view(), name="reports"),
    path("<str:iso2>/reports/<uuid:token>/", views.ReportDownloadView.as_view(), name="report_download"),
]
