"""The graded quiz block, and the interface every graded activity in a lesson implements.

A graded activity is a lesson block whose class subclasses `GradedActivityBlock`: it names its
`activity_kind` ("quiz" here; the sandbox's exercises will add "exercise") and its pass mark.
Completion rules count activities by kind through `courses.completion`, and results are
recorded per (learner, lesson translation key, block id) in `ActivityResult`, so a lower app
adds a graded block without any change to this app's models.
"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from courses.blocks.content import TEMPLATES
from courses.blocks.questions.base import _error


class GradedActivityBlock(blocks.StructBlock):
    """A lesson block whose result counts towards completion."""

    activity_kind = ""

    def activity_title(self, value) -> str:
        return value.get("title") or str(self.label)

    def activity_pass_mark(self, value) -> int:
        """The score, in percent, that passes this activity."""
        return int(value.get("pass_mark") or 100)

    def activity_attempts_limit(self, value) -> int | None:
        """How many attempts a learner has, or None for no limit."""
        return value.get("max_attempts")


FEEDBACK_CHOICES = [
    ("full", _("After each attempt: score, correct answers and feedback")),
    ("when_done", _("Score after each attempt; answers and feedback once passed or out of attempts")),
    ("score", _("Score only")),
]


class QuizBlock(GradedActivityBlock):
    activity_kind = "quiz"

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    introduction = blocks.RichTextBlock(label=_("Introduction"), required=False, features=["bold", "italic", "ul"])
    bank = SnippetChooserBlock(
        "courses.QuestionBank",
        label=_("Question bank"),
        required=False,
        help_text=_("Draw questions at random from this bank (optionally only those with the tags below)."),
    )
    tags = blocks.CharBlock(
        label=_("Tags"),
        required=False,
        max_length=200,
        help_text=_("Comma-separated. Only questions with at least one of these tags are drawn."),
    )
    questions = blocks.ListBlock(
        SnippetChooserBlock("courses.Question"),
        label=_("Or a fixed list of questions"),
        required=False,
        default=[],
    )
    question_count = blocks.IntegerBlock(
        label=_("Questions per attempt"),
        min_value=1,
        max_value=100,
        default=10,
        help_text=_(
            "How many questions each attempt draws. A fixed list uses all of its questions when this is larger."
        ),
    )
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"),
        default=70,
        validators=[MinValueValidator(1)],
        help_text=_("The score, in percent of the total, that passes."),
    )
    max_attempts = blocks.IntegerBlock(
        label=_("Attempts allowed"), required=False, min_value=1, help_text=_("Leave empty for no limit.")
    )
    time_limit_minutes = blocks.IntegerBlock(
        label=_("Time limit (minutes)"), required=False, min_value=1, help_text=_("Leave empty for no limit.")
    )
    shuffle_options = blocks.BooleanBlock(label=_("Shuffle options"), required=False, default=True)
    feedback = blocks.ChoiceBlock(label=_("Feedback shown"), choices=FEEDBACK_CHOICES, default="when_done")

    class Meta:
        icon = "form"
        label = _("Graded quiz")
        template = f"{TEMPLATES}/quiz_block.html"

    def clean(self, value):
        value = super().clean(value)
        if value["pass_mark"] > 100:
            raise _error(
                pass_mark=_("The pass mark (%(mark)s%%) is above the total (100%%).") % {"mark": value["pass_mark"]}
            )
        fixed = [question for question in value["questions"] if question is not None]
        if not fixed and value["bank"] is None:
            raise _error(bank=_("Choose a question bank or list the questions."))
        if fixed and value["bank"] is not None:
            raise _error(bank=_("Choose a question bank or list the questions, not both."))
        available = self.available_count(value)
        if available == 0:
            raise _error(tags=_("No question matches this bank and these tags."))
        if not fixed and value["question_count"] > available:
            raise _error(
                question_count=ngettext(
                    "The bank has only %(available)s matching question.",
                    "The bank has only %(available)s matching questions.",
                    available,
                )
                % {"available": available}
            )
        return value

    def tag_names(self, value) -> list[str]:
        return [tag.strip() for tag in (value["tags"] or "").split(",") if tag.strip()]

    def available_count(self, value) -> int:
        from courses.selectors.quiz import quiz_candidate_keys

        return len(quiz_candidate_keys(quiz=value, tag_names=self.tag_names(value)))
