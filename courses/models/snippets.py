"""Snippets trainers write once and reuse: glossary terms, question banks and their questions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from courses.blocks import QuestionBodyBlock


class GlossaryTerm(TranslatableMixin, index.Indexed, models.Model):
    term = models.CharField(_("term"), max_length=120)
    definition = models.TextField(_("definition"), max_length=1000)

    panels = [FieldPanel("term"), FieldPanel("definition")]
    search_fields = [index.SearchField("term"), index.AutocompleteField("term"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term


class QuestionBank(TranslatableMixin, models.Model):
    """A course's pool of questions, from which quizzes draw. Its title is for trainers only.

    A bank is translated like its questions: the English bank shares the Spanish bank's
    `translation_key` and holds the English versions of its questions, and an English lesson's
    quiz points at it. Translating a course does not translate its banks' questions: each is
    submitted for translation on its own (the editor lists those still missing).
    """

    title = models.CharField(_("title"), max_length=200)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="question_banks",
    )

    panels = [FieldPanel("title"), FieldPanel("course")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["title", "locale"], name="courses_questionbank_title_unique_per_locale")
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        # The form leaves the locale out, so Django would skip the constraint and the database refuse it.
        same_title = QuestionBank.objects.filter(title=self.title, locale_id=self.locale_id).exclude(pk=self.pk)
        if self.locale_id and same_title.exists():
            raise ValidationError({"title": _("A question bank with this title already exists in this language.")})


class QuestionTag(TaggedItemBase):
    content_object = ParentalKey("courses.Question", on_delete=models.CASCADE, related_name="tagged_items")


class Question(TranslatableMixin, index.Indexed, ClusterableModel):
    """One question, of one of the types in `courses.blocks.questions`, translated per language."""

    bank = models.ForeignKey(QuestionBank, verbose_name=_("bank"), on_delete=models.PROTECT, related_name="questions")
    prompt = models.TextField(_("question"), max_length=1000)
    body = StreamField(QuestionBodyBlock(), verbose_name=_("answer"))
    explanation = RichTextField(
        _("explanation"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Why the answer is what it is; shown after submission when the quiz shows feedback."),
    )
    points = models.PositiveSmallIntegerField(_("points"), default=1)
    tags = ClusterTaggableManager(through=QuestionTag, blank=True, verbose_name=_("tags"))

    panels = [
        FieldPanel("bank"),
        FieldPanel("prompt"),
        FieldPanel("body"),
        FieldPanel("explanation"),
        FieldPanel("points"),
        FieldPanel("tags"),
    ]
    search_fields = [index.SearchField("prompt"), index.FilterField("bank_id"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(condition=models.Q(points__gte=1), name="courses_question_points_positive")
        ]

    def __str__(self) -> str:
        return self.prompt[:80]

    def clean(self):
        super().clean()
        if self.bank_id and self.locale_id and self.bank.locale_id != self.locale_id:
            raise ValidationError({"bank": _("Choose the bank in the question's language.")})

    @property
    def kind_block(self):
        """The question's type block and its value."""
        child = self.body[0]
        return child.block, child.value

    @property
    def kind(self) -> str:
        return self.body[0].block_type
