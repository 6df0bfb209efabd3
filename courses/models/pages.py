"""The course page tree: catalogue > course > module > lesson, in each language.

Learner state never points at a page's id: it is keyed on the page's `translation_key`, which
the Spanish and English versions share, so progress survives a change of language.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.blocks import CompletionRulesBlock, LearningOutcomesBlock, LessonStreamBlock
from people.models import JobFunction


class Topic(models.TextChoices):
    BORDER_CONTROL = "border_control", _("Border control")
    ALERTS = "alerts", _("Migratory alerts")
    INFORMATION_EXCHANGE = "information_exchange", _("Information exchange and data protection")
    STATISTICS = "statistics", _("Migration statistics")
    PLATFORM = "platform", _("Using the information platform")


class EnrolmentPolicy(models.TextChoices):
    OPEN = "open", _("Open: learners enrol themselves")
    ASSIGNED = "assigned", _("By assignment: trainers enrol learners")
    CLOSED = "closed", _("Closed: no new enrolments")


class TreePositionFromDatabaseMixin:
    """A page restored from a revision takes its place in the tree from the database.

    Wagtail's `with_content_json` copies `path`, `depth` and `numchild` from the instance it is
    called on, which may be stale: wagtail-localize publishes a new translation's revision on
    commit through the instance it copied before the translation's subpages were added
    (wagtail-localize#773), and publishing wrote that instance's `numchild` of 0 over the real
    count, hiding the subpages (404) and damaging the tree. Pages that hold subpages use this.
    """

    def with_content_json(self, content):
        page = super().with_content_json(content)
        if self.pk is None:
            return page
        tree = Page.objects.filter(pk=self.pk).values("path", "depth", "numchild").first()
        if tree is not None:
            moved = tree["path"] != page.path
            page.path, page.depth, page.numchild = tree["path"], tree["depth"], tree["numchild"]
            if moved:
                page.set_url_path(page.get_parent())
        return page


class CataloguePage(TreePositionFromDatabaseMixin, Page):
    page_description = _("The list of courses, one per language, with filters.")
    parent_page_types = ["core.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1
    # The explorer lists the children in the course's order (Wagtail's default: last edited first).
    admin_default_ordering = "ord"

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    class Meta:
        verbose_name = _("course catalogue")
        verbose_name_plural = _("course catalogues")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors.catalogue import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(catalogue=self, filters=request.GET))
        return context


class CoursePage(TreePositionFromDatabaseMixin, Page):
    page_description = _("A course: its outline, audience, rules for completion and certificate.")
    parent_page_types = ["courses.CataloguePage"]
    subpage_types = ["courses.ModulePage"]
    # The explorer lists the children in the course's order (Wagtail's default: last edited first).
    admin_default_ordering = "ord"

    summary = models.TextField(_("summary"), max_length=600, help_text=_("Two or three sentences for the catalogue."))
    cover_image = models.ForeignKey(
        "media.CustomImage",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt_text = models.CharField(_("cover image alternative text"), max_length=300, blank=True)
    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices, default=Topic.PLATFORM)
    learning_outcomes = StreamField(LearningOutcomesBlock(), verbose_name=_("learning outcomes"), blank=True)
    estimated_hours = models.DecimalField(
        _("estimated hours"), max_digits=5, decimal_places=1, default=1, validators=[MinValueValidator(0)]
    )
    enrolment_policy = models.CharField(
        _("enrolment"), max_length=16, choices=EnrolmentPolicy.choices, default=EnrolmentPolicy.OPEN
    )
    completion_rules = StreamField(
        CompletionRulesBlock(),
        verbose_name=_("completion rules"),
        blank=True,
        default=[("lessons_completed", None), ("quizzes_passed", None)],
        help_text=_("All of these must be met. With none, completing every required lesson completes the course."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Used by the rule on the average quiz score."),
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate validity (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Leave empty for a certificate that does not expire."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_alt_text")], heading=_("Cover")),
        FieldRowPanel([FieldPanel("topic"), FieldPanel("estimated_hours")]),
        FieldPanel("learning_outcomes"),
        InlinePanel("audiences", label=_("Audience: job functions"), heading=_("Audience")),
    ]
    rules_panels = [
        FieldPanel("enrolment_policy"),
        InlinePanel("prerequisites", label=_("Prerequisite course"), heading=_("Prerequisites")),
        FieldPanel("completion_rules"),
        FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("certificate_validity_months")]),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(rules_panels, heading=_("Enrolment and completion")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.FilterField("topic")]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.CheckConstraint(condition=models.Q(topic__in=Topic.values), name="courses_course_topic_valid"),
            models.CheckConstraint(
                condition=models.Q(enrolment_policy__in=EnrolmentPolicy.values),
                name="courses_course_enrolment_policy_valid",
            ),
            models.CheckConstraint(condition=models.Q(pass_mark__lte=100), name="courses_course_pass_mark_percent"),
        ]

    def clean(self):
        super().clean()
        if self.cover_image_id and not self.cover_alt_text:
            raise ValidationError({"cover_alt_text": _("Describe the cover image for people who cannot see it.")})

    @property
    def is_open_for_enrolment(self) -> bool:
        return self.enrolment_policy == EnrolmentPolicy.OPEN

    def get_context(self, request, *args, **kwargs):
        from courses.selectors.course import course_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_context(course=self, viewer=request.user))
        return context


class CourseAudience(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="audiences")
    job_function = models.CharField(_("job function"), max_length=24, choices=JobFunction.choices)

    panels = [FieldPanel("job_function")]

    class Meta(Orderable.Meta):
        verbose_name = _("audience")
        constraints = [
            models.UniqueConstraint(fields=["course", "job_function"], name="courses_audience_unique"),
            models.CheckConstraint(
                condition=models.Q(job_function__in=JobFunction.values), name="courses_audience_job_function_valid"
            ),
        ]


class CoursePrerequisite(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="prerequisites")
    prerequisite = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="required_by"
    )

    panels = [FieldPanel("prerequisite")]

    class Meta(Orderable.Meta):
        verbose_name = _("prerequisite")
        constraints = [
            models.UniqueConstraint(fields=["course", "prerequisite"], name="courses_prerequisite_unique"),
        ]

    def clean(self):
        if self.prerequisite_id and self.prerequisite.translation_key == self.course.translation_key:
            raise ValidationError({"prerequisite": _("A course cannot be its own prerequisite.")})


class ModulePage(TreePositionFromDatabaseMixin, Page):
    page_description = _("A module of a course: an ordered group of lessons.")
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]
    # The explorer lists the children in the course's order (Wagtail's default: last edited first).
    admin_default_ordering = "ord"

    summary = models.TextField(_("summary"), blank=True, max_length=600)
    requires_previous_module = models.BooleanField(
        _("requires the previous module"),
        default=False,
        help_text=_("Learners open this module's lessons only once they have completed the previous module."),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("requires_previous_module")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def serve(self, request, *args, **kwargs):
        from django.shortcuts import redirect

        return redirect(self.get_parent().specific.url + f"#module-{self.pk}")


class LessonPage(Page):
    page_description = _("A lesson: text, images, video, procedures, knowledge checks and a quiz.")
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=15)
    is_required = models.BooleanField(
        _("required"), default=True, help_text=_("Optional lessons do not count towards completion.")
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("is_required")]),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def serve(self, request, *args, **kwargs):
        from courses.views import lesson_serve

        return lesson_serve(request, lesson=self, serve=super().serve, args=args, kwargs=kwargs)

    def get_context(self, request, *args, lesson_state=None, **kwargs):
        from courses.selectors.lesson import lesson_context

        context = super().get_context(request, *args, **kwargs)
        # `lesson_state`: what the view read to let the viewer in (courses.views.lesson_serve).
        context.update(lesson_context(lesson=self, viewer=request.user, state=lesson_state))
        return context
