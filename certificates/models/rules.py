"""Certification rules: which template a course's certificates use, and how holders renew."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from certificates.models.design import CertificateTemplate


class CourseCertification(models.Model):
    """How a course certifies: its template, and how holders renew (validity is the course's own)."""

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
    competencies_es = models.TextField(
        _("competencies (Spanish)"),
        blank=True,
        help_text=_("One per line: what a holder has shown they can do ({competencies} on the certificate)."),
    )
    competencies_en = models.TextField(_("competencies (English)"), blank=True)

    panels = [
        FieldPanel("course"),
        FieldPanel("template"),
        FieldRowPanel([FieldPanel("refresher_course"), FieldPanel("renewal_window_days")]),
        FieldRowPanel([FieldPanel("competencies_es"), FieldPanel("competencies_en")]),
    ]

    class Meta:
        verbose_name = _("certification rule")
        verbose_name_plural = _("certification rules")

    def __str__(self) -> str:
        return str(self.course)

    def competencies_in(self, language: str) -> tuple[str, ...]:
        text = (self.competencies_en if language == "en" else "") or self.competencies_es
        return tuple(line.strip() for line in text.splitlines() if line.strip())

    def clean(self) -> None:
        if self.refresher_course_id and self.refresher_course_id == self.course_id:
            raise ValidationError({"refresher_course": _("Leave empty to renew with the course itself.")})
