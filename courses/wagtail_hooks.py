from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses import viewsets


@hooks.register("register_admin_viewset")
def register_course_viewsets() -> viewsets.CoursesViewSetGroup:
    return viewsets.CoursesViewSetGroup()


@hooks.register("register_admin_urls")
def register_enrolment_url():
    return [
        path("courses/enrol/", viewsets.enrolment_view, name="courses_enrol"),
        path("courses/reports/", viewsets.report_index_view, name="courses_reports"),
        path("courses/reports/<int:course_id>/", viewsets.report_view, name="courses_report"),
        path(
            "courses/reports/<int:course_id>/<slug:section>.csv",
            viewsets.report_export_view,
            name="courses_report_export",
        ),
    ]


class EnrolmentMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("courses.add_enrolment")


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("courses.view_enrolment")


@hooks.register("register_admin_menu_item")
def register_enrolment_menu_item() -> MenuItem:
    return EnrolmentMenuItem(_("Enrol learners"), reverse("courses_enrol"), icon_name="user", order=310)


@hooks.register("register_reports_menu_item")
def register_course_reports_menu_item() -> MenuItem:
    return ReportMenuItem(_("Course reports"), reverse("courses_reports"), icon_name="doc-full", order=50)
