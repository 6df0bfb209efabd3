from django.urls import path

from tracking.views import dashboards, reports, roster, rules, staff

app_name = "tracking"

urlpatterns = [
    path("", dashboards.IndexView.as_view(), name="index"),
    path("region/", dashboards.RegionView.as_view(), name="region"),
    path("<str:iso2>/", dashboards.DashboardView.as_view(), name="dashboard"),
    path("<str:iso2>/people/", staff.PeopleView.as_view(), name="people"),
    path("<str:iso2>/people/<int:pk>/", staff.PersonView.as_view(), name="person"),
    path("<str:iso2>/rules/", rules.RulesView.as_view(), name="rules"),
    path("<str:iso2>/rules/<int:pk>/", rules.RuleEditView.as_view(), name="rule_edit"),
    path("<str:iso2>/rules/<int:pk>/delete/", rules.RuleDeleteView.as_view(), name="rule_delete"),
    path("<str:iso2>/roster/", roster.RosterView.as_view(), name="roster"),
    path("<str:iso2>/roster/template/", roster.RosterTemplateView.as_view(), name="roster_template"),
    path("<str:iso2>/roster/<uuid:token>/", roster.RosterCheckView.as_view(), name="roster_check"),
    path("<str:iso2>/roster/<uuid:token>/import/", roster.RosterApplyView.as_view(), name="roster_apply"),
    path("<str:iso2>/reports/", reports.ReportsView.as_view(), name="reports"),
    path("<str:iso2>/reports/<uuid:token>/", reports.ReportDownloadView.as_view(), name="report_download"),
]
