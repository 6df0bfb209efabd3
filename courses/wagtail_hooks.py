from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses import viewsets
from courses.models import CoursePage


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


@hooks.register("before_delete_page")
def refuse_deleting_what_cohorts_rely_on(request, page):
    """A course with cohorts (or a page above one) is not deleted: the cohorts' history depends on it."""
    if request.method != "POST":
        return None
    pages = [descendant.specific for descendant in page.get_descendants(inclusive=True).type(CoursePage)]
    protected = viewsets.protected_by(pages) if pages else []
    if not protected:
        return None
    messages.error(
        request,
        _("«%(page)s» cannot be deleted: records still depend on it (%(what)s). Unpublish it instead.")
        % {"page": page.title, "what": "; ".join(protected)},
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)
