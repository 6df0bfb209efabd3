"""Certification rules: which template a course's certificates use, how holders renew, and the
competencies its exercises prove.

Each competency names the exercise type that proves it (D11: a credential claims only what the
record proves). A certificate prints a competency only if its evidence holds an exercise of
that type (`certificates.selectors.competencies_proved`). A competency without a type (the
free text lines of the rules made before competencies were mapped) is never printed; the
trainer chooses its type, or deletes it, when they next save the rule.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from certificates.models.design import CertificateTemplate
from sandbox.exercises import exercise_type_choices


class CourseCertification(ClusterableModel):
    """How a course certifies: its template, how holders renew (validity is the course's own), and
    the competencies its exercises prove."""

    course = models.OneToOneField(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="certification"
    )
    template = models.ForeignKey(CertificateTemplate, verbose_name=_("template"), on_delete=models.PROTECT)
    refresher_course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("refresher course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Holders renew by completing this course; empty: by taking the course again."),
    )
    renewal_window_days = models.PositiveSmallIntegerField(
        _("renewal opens (days before expiry)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )

    panels = [
        FieldPanel("course"),
        FieldPanel("template"),
        FieldRowPanel([FieldPanel("refresher_course"), FieldPanel("renewal_window_days")]),
        InlinePanel(
            "competencies",
            label=_("Competencies"),
            help_text=_(
                "Each is printed ({competencies} on the certificate) only when the learner passed "
                "an exercise of its type in the course."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("certification rule")
        verbose_name_plural = _("certification rules")

    def __str__(self) -> str:
        return str(self.course)

    def clean(self) -> None:
        if self.refresher_course_id and self.refresher_course_id == self.course_id:
            raise ValidationError({"refresher_course": _("Leave empty to renew with the course itself.")})


class CertificationCompetency(Orderable):
    """What a holder has shown they can do, and the exercise type whose pass proves it."""

    rule = ParentalKey(CourseCertification, on_delete=models.CASCADE, related_name="competencies")
    exercise_type = models.CharField(
        _("proved by exercises of type"),
        max_length=40,
        choices=exercise_type_choices,
        help_text=_("Printed only on certificates whose learner passed an exercise of this type."),
    )
    text_es = models.CharField(_("competency (Spanish)"), max_length=200)
    text_en = models.CharField(_("competency (English)"), max_length=200, blank=True)

    panels = [FieldPanel("exercise_type"), FieldRowPanel([FieldPanel("text_es"), FieldPanel("text_en")])]

    class Meta(Orderable.Meta):
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")

    def __str__(self) -> str:
        return self.text_es

    def text_in(self, language: str) -> str:
        """The competency in a language: English if written, else Spanish."""
        return (self.text_en if language == "en" else "") or self.text_es
