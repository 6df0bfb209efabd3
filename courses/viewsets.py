"""Wagtail admin screens for course material and cohorts, and the trainers' enrolment screen."""

from __future__ import annotations

import uuid

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.deletion import Collector, ProtectedError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import Column
from wagtail.models import Locale
from wagtail.snippets.views.snippets import DeleteView as SnippetDeleteView
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from courses import reports
from courses.models import Cohort, CoursePage, GlossaryTerm, Question, QuestionBank
from courses.selectors.enrolments import enrolment_list
from courses.services import enrolment_bulk_create
from foundation.snippets import SnippetViewSet
from foundation.spreadsheets import csv_text


def protected_by(objects) -> list[str]:
    """What would stop deleting these objects (records with an on_delete=PROTECT link to them), as labels."""
    collector = Collector(using="default")
    try:
        collector.collect(list(objects))
    except ProtectedError as error:
        count = len(error.protected_objects)
        kinds = ", ".join(sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects}))
        return [
            ngettext("%(count)s record: %(kinds)s", "%(count)s records: %(kinds)s", count)
            % {"count": count, "kinds": kinds}
        ]
    return []


def question_kind_label(kind: str) -> str:
    """A question type's name in the reader's language ("Single choice"), from its block's label."""
    block = Question._meta.get_field("body").stream_block.child_blocks.get(kind)
    return str(block.label) if block else kind


class ProtectedDeleteView(SnippetDeleteView):
    """Refuse, with a message, to delete what graded attempts, questions or cohorts still rely on."""

    def form_valid(self, form):
        protected = protected_by([self.object])
        if protected:
            messages.error(
                self.request,
                _("«%(object)s» cannot be deleted: records still depend on it (%(what)s).")
                % {"object": self.object, "what": "; ".join(protected)},
            )
            return redirect(self.edit_url_name, self.object.pk)
        return super().form_valid(form)


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = _("Glossary")
    list_display = ["term", "locale"]
    list_filter = ["locale"]
    search_fields = ["term", "definition"]
    ordering = ["term"]


class QuestionBankViewSet(SnippetViewSet):
    model = QuestionBank
    delete_view_class = ProtectedDeleteView
    icon = "folder-open-inverse"
    menu_label = _("Question banks")
    list_display = ["title", "course"]
    search_fields = ["title"]
    ordering = ["title"]


class QuestionViewSet(SnippetViewSet):
    model = Question
    delete_view_class = ProtectedDeleteView
    icon = "form"
    menu_label = _("Questions")
    list_display = [
        "prompt",
        "bank",
        Column("kind", label=_("Type"), accessor=lambda question: question_kind_label(question.kind)),
        "locale",
    ]
    list_filter = ["bank", "locale"]
    search_fields = ["prompt"]
    ordering = ["bank", "id"]


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    list_display = ["name", "course", "starts_on", "ends_on", "due_on"]
    list_filter = ["course"]
    search_fields = ["name"]
    ordering = ["-starts_on"]
    panels = [
        FieldPanel("name"),
        FieldPanel("course"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on"), FieldPanel("due_on")]),
        FieldPanel("trainers", widget=forms.CheckboxSelectMultiple),
    ]


class CoursesViewSetGroup(SnippetViewSetGroup):
    items = (CohortViewSet, QuestionBankViewSet, QuestionViewSet, GlossaryTermViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Course material")
    menu_name = "course-material"


def course_choices_by_language(courses) -> list:
    """The courses grouped under their language ("Español", "Inglés"), in the order of settings.LANGUAGES."""
    by_language: dict[str, list[tuple[int, str]]] = {}
    for course in courses:
        by_language.setdefault(course.locale.language_code, []).append((course.pk, course.title))
    order = [code for code, _name in settings.LANGUAGES]
    groups = sorted(by_language.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    return [("", "---------")] + [(Locale(language_code=code).get_display_name(), choices) for code, choices in groups]


class EnrolmentForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=CoursePage.objects.none())
    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=Cohort.objects.none(), required=False)
    due_on = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to use the cohort's due date, or for no due date."),
    )
    emails = forms.CharField(
        label=_("Learners' e-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One or many, separated by new lines, commas or semicolons. Everyone is enrolled, or no one."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        courses = CoursePage.objects.live().select_related("locale").order_by("title")
        self.fields["course"].queryset = courses
        self.fields["course"].choices = course_choices_by_language(courses)
        self.fields["cohort"].queryset = Cohort.objects.select_related("course").order_by("-starts_on")

    def clean(self):
        data = super().clean()
        cohort, course = data.get("cohort"), data.get("course")
        if cohort and course and cohort.course.translation_key != course.translation_key:
            raise ValidationError({"cohort": _("This cohort takes another course.")})
        return data


def enrolment_view(request):
    """Trainers enrol learners in a course, singly or from a pasted list of e-mails."""
    if not request.user.has_perm("courses.add_enrolment"):
        raise PermissionDenied
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = enrolment_bulk_create(
                trainer=request.user,
                course=form.cleaned_data["course"],
                emails=form.cleaned_data["emails"],
                cohort=form.cleaned_data["cohort"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("emails", message)
        else:
            messages.success(request, enrolment_result_message(created=result.created, already=result.already_enrolled))
            return redirect("courses_enrol")
    context = {"form": form, "page_title": _("Enrol learners"), "header_icon": "user"}
    return TemplateResponse(request, "courses/admin/enrol.html", context)


def enrolment_result_message(*, created: int, already: int) -> str:
    message = ngettext("%(count)s learner enrolled.", "%(count)s learners enrolled.", created) % {"count": created}
    if already:
        message += " " + ngettext("%(count)s was already enrolled.", "%(count)s were already enrolled.", already) % {
            "count": already
        }
    return message


def _reportable_course(request, course_id: int) -> CoursePage:
    if not request.user.has_perm("courses.view_enrolment"):
        raise PermissionDenied
    return get_object_or_404(CoursePage.objects.all(), pk=course_id)


def report_index_view(request):
    """The courses a trainer can report on, with their enrolment figures."""
    if not request.user.has_perm("courses.view_enrolment"):
        raise PermissionDenied
    courses = CoursePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("title")
    rows = [(course, reports.enrolment_summary(viewer=request.user, course=course)) for course in courses]
    context = {"rows": rows, "page_title": _("Course reports"), "header_icon": "doc-full"}
    return TemplateResponse(request, "courses/admin/report_index.html", context)


def report_view(request, course_id: int):
    """One course's report: enrolments, the completion funnel, quiz item analysis, sandbox exercises and
    stuck learners."""
    course = _reportable_course(request, course_id)
    days = _inactive_days(request)
    context = {
        "course": course,
        "summary": reports.enrolment_summary(viewer=request.user, course=course),
        "funnel": reports.completion_funnel(viewer=request.user, course=course),
        "items": reports.item_analysis(viewer=request.user, course=course),
        "exercises": reports.exercise_reports(viewer=request.user, course=course),
        "stuck": reports.stuck_learners(viewer=request.user, course=course, inactive_days=days),
        "inactive_days": days,
        "kelley_share": reports.KELLEY_SHARE * 100,
        "review_below": reports.DISCRIMINATION_REVIEW_BELOW,
        "page_title": _("Course report"),
        "page_subtitle": course.title,
        "header_icon": "doc-full",
    }
    return TemplateResponse(request, "courses/admin/report.html", context)


def report_exercise_view(request, course_id: int, lesson_key: uuid.UUID, block_id: str):
    """One sandbox exercise of a course: its figures and most frequent findings, and each learner's
    attempts with every check's score and findings, with a way into their sandbox read-only."""
    course = _reportable_course(request, course_id)
    activity = reports.course_exercise(course=course, lesson_key=lesson_key, block_id=block_id)
    if activity is None:
        raise Http404
    [report] = reports.exercise_reports(viewer=request.user, course=course, exercises=[activity])
    context = {
        "course": course,
        "report": report,
        "histories": reports.exercise_histories(viewer=request.user, course=course, activity=activity),
        "can_inspect": request.user.has_perm("sandbox.inspect_sandbox"),
        "page_title": _("Sandbox exercise report"),
        "page_subtitle": activity.title,
        "header_icon": "code",
    }
    return TemplateResponse(request, "courses/admin/report_exercise.html", context)


def _inactive_days(request) -> int:
    try:
        return max(1, min(365, int(request.GET.get("days", 14))))
    except ValueError:
        return 14


REPORT_SECTIONS = ("enrolments", "items", "exercises", "stuck")


def report_export_view(request, course_id: int, section: str):
    """A report section as CSV, with formula-like cells neutralised."""
    course = _reportable_course(request, course_id)
    if section not in REPORT_SECTIONS:
        raise Http404
    if section == "enrolments":
        rows = [[_("E-mail"), _("Name"), _("Country"), _("Cohort"), _("Enrolled"), _("Due"), _("Completed")]]
        for enrolment in enrolment_list(viewer=request.user, course_key=course.translation_key).select_related(
            "learner"
        ):
            profile = getattr(enrolment.learner, "staff_profile", None)
            rows.append(
                [
                    enrolment.learner.email,
                    enrolment.learner.full_name,
                    profile.country.iso3 if profile and profile.country_id else "",
                    enrolment.cohort.name if enrolment.cohort else "",
                    enrolment.enrolled_at.date().isoformat(),
                    enrolment.due_on.isoformat() if enrolment.due_on else "",
                    enrolment.completed_at.date().isoformat() if enrolment.completed_at else "",
                ]
            )
    elif section == "items":
        rows = [[_("Question"), _("Type"), _("Answers"), _("Facility"), _("Discrimination index")]]
        for item in reports.item_analysis(viewer=request.user, course=course):
            rows.append([item.prompt, question_kind_label(item.kind), item.answers, item.facility, item.discrimination])
    elif section == "exercises":
        rows = [
            [
                _("Exercise"),
                _("Learners who started it"),
                _("Learners who passed it"),
                _("Pass rate"),
                _("Attempts to pass"),
                _("Most frequent findings"),
            ]
        ]
        for report in reports.exercise_reports(viewer=request.user, course=course):
            rows.append(
                [
                    report.activity.title,
                    report.summary.learners,
                    report.summary.passed,
                    report.pass_rate,
                    report.summary.attempts_to_pass,
                    "; ".join(f"{label}: {learners}" for label, learners in report.findings),
                ]
            )
    else:
        rows = [[_("E-mail"), _("Name"), _("Reason"), _("Days without activity")]]
        for learner in reports.stuck_learners(
            viewer=request.user, course=course, inactive_days=_inactive_days(request)
        ):
            rows.append(
                [
                    learner.enrolment.learner.email,
                    learner.enrolment.learner.full_name,
                    learner.reason,
                    learner.days_inactive,
                ]
            )
    response = HttpResponse(csv_text(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{course.slug}-{section}.csv"'
    return response
