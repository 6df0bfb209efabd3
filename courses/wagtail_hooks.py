from django.contrib import messages
from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.menu import MenuItem

from courses import viewsets
from courses.models import CoursePage, GlossaryTerm, LessonPage, ModulePage, Question, QuestionBank
from courses.translations import SnippetGap, translation_gaps


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
            "courses/reports/<int:course_id>/exercises/<uuid:lesson_key>/<str:block_id>/",
            viewsets.report_exercise_view,
            name="courses_report_exercise",
        ),
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


TRANSLATION_GAPS_SHOWN = 5


def _gap_rows(gaps: list[SnippetGap], finder: AdminURLFinder) -> list[dict]:
    rows = []
    for gap in gaps[:TRANSLATION_GAPS_SHOWN]:
        instance = gap.instance
        if gap.is_started:
            url = finder.get_edit_url(instance)
        else:
            names = [instance._meta.app_label, instance._meta.model_name, quote(instance.pk)]
            url = reverse("wagtail_localize:submit_snippet_translation", args=names)
        rows.append({"name": str(instance), "url": url, "is_started": gap.is_started})
    return rows


# Before wagtail-localize's own hook, which answers with its translation editor for a translated page.
@hooks.register("before_edit_page", order=-1)
def tell_what_else_needs_translating(request, page):
    """A course, module or lesson whose lessons use question banks, questions or glossary terms not translated
    into its language: the editor (wagtail-localize's too) lists them, with links to translate them."""
    page = page.specific
    if request.method != "GET" or not isinstance(page, CoursePage | ModulePage | LessonPage):
        return
    gaps = translation_gaps(page=page)
    if not gaps:
        return
    finder = AdminURLFinder(request.user)
    sections = [
        {
            "heading": capfirst(model._meta.verbose_name_plural),
            "rows": _gap_rows(items, finder),
            "more": max(0, len(items) - TRANSLATION_GAPS_SHOWN),
        }
        for model, items in (
            (QuestionBank, gaps.banks),
            (Question, gaps.questions),
            (GlossaryTerm, gaps.glossary_terms),
        )
        if items
    ]
    messages.warning(
        request, render_to_string("courses/admin/translation_gaps.html", {"sections": sections}, request=request)
    )
