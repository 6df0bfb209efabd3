"""Question types answered by choosing among options: one correct option, several, true or false."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks

from courses.blocks.questions.base import (
    Choice,
    Presentation,
    QuestionTypeBlock,
    ResponseError,
    _error,
    _items,
    _one,
    _shuffled,
    with_empty_items,
)


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Option"), max_length=300)
    is_correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.CharBlock(
        label=_("Feedback for this option"),
        required=False,
        max_length=500,
        help_text=_("Shown after submission to a learner who chose this option, if the quiz shows feedback."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Option")


class ChoiceQuestionBlock(QuestionTypeBlock):
    def present(self, value, *, seed: str | None, shuffle: bool = True) -> Presentation:
        options = [Choice(id, option["text"]) for id, option in _items(value["options"])]
        return Presentation(kind=self.kind, choices=_shuffled(options, seed=seed if shuffle else None))

    def _option_ids(self, value) -> set[str]:
        return {id for id, _option in _items(value["options"])}

    def _correct_ids(self, value) -> set[str]:
        return {id for id, option in _items(value["options"]) if option["is_correct"]}

    def feedback(self, value, response: Any) -> list[str]:
        chosen = set(response if isinstance(response, list) else [response])
        return [option["feedback"] for id, option in _items(value["options"]) if id in chosen and option["feedback"]]

    def correct_answer(self, value) -> str:
        return "; ".join(option["text"] for _id, option in _items(value["options"]) if option["is_correct"])

    def answer_text(self, value, response: Any) -> str:
        chosen = set(response if isinstance(response, list) else [response])
        return "; ".join(option["text"] for id, option in _items(value["options"]) if id in chosen)


class SingleChoiceBlock(ChoiceQuestionBlock):
    kind = "single_choice"
    options = with_empty_items(blocks.ListBlock(OptionBlock(), min_num=2, label=_("Options")))

    class Meta:
        icon = "radio-full"
        label = _("Single choice")
        help_text = _("One correct option among several.")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["is_correct"])
        if correct != 1:
            raise _error(
                options=ngettext(
                    "Mark exactly one option as correct (%(count)s marked).",
                    "Mark exactly one option as correct (%(count)s marked).",
                    correct,
                )
                % {"count": correct}
            )
        return value

    def response_from(self, value, data, *, field: str, seed: str | None = None) -> str:
        answer = _one(data, field)
        if answer and answer not in self._option_ids(value):
            raise ResponseError("unknown option")
        return answer

    def grade(self, value, response: Any) -> Decimal:
        return Decimal(1) if response and response in self._correct_ids(value) else Decimal(0)


class MultipleResponseBlock(ChoiceQuestionBlock):
    kind = "multiple_response"
    options = with_empty_items(blocks.ListBlock(OptionBlock(), min_num=2, label=_("Options")))
    partial_credit = blocks.BooleanBlock(
        label=_("Partial credit"),
        required=False,
        help_text=_(
            "Give credit for each correct option chosen, minus each wrong one; otherwise only the exact set scores."
        ),
    )

    class Meta:
        icon = "tick-inverse"
        label = _("Multiple response")
        help_text = _("Several options may be correct; the learner chooses all that apply.")

    def clean(self, value):
        value = super().clean(value)
        if not any(option["is_correct"] for option in value["options"]):
            raise _error(options=_("Mark at least one option as correct."))
        return value

    def response_from(self, value, data, *, field: str, seed: str | None = None) -> list[str]:
        answers = data.getlist(field) if hasattr(data, "getlist") else list(data.get(field) or [])
        answers = sorted({answer for answer in answers if answer})
        if set(answers) - self._option_ids(value):
            raise ResponseError("unknown option")
        return answers

    def grade(self, value, response: Any) -> Decimal:
        chosen = set(response or [])
        correct = self._correct_ids(value)
        if not value["partial_credit"]:
            return Decimal(1) if chosen == correct else Decimal(0)
        earned = len(chosen & correct) - len(chosen - correct)
        return max(Decimal(0), Decimal(earned) / Decimal(len(correct)))


class TrueFalseBlock(QuestionTypeBlock):
    kind = "true_false"
    answer = blocks.BooleanBlock(label=_("The statement is true"), required=False)
    feedback_true = blocks.CharBlock(label=_("Feedback if the learner answers true"), required=False)
    feedback_false = blocks.CharBlock(label=_("Feedback if the learner answers false"), required=False)

    class Meta:
        icon = "tick"
        label = _("True or false")
        help_text = _("The question's text is a statement; the learner says whether it is true.")

    def present(self, value, *, seed: str | None, shuffle: bool = True) -> Presentation:
        return Presentation(kind=self.kind, choices=[Choice("true", _("True")), Choice("false", _("False"))])

    def response_from(self, value, data, *, field: str, seed: str | None = None) -> str:
        answer = _one(data, field)
        if answer not in ("", "true", "false"):
            raise ResponseError("not true or false")
        return answer

    def grade(self, value, response: Any) -> Decimal:
        if not response:
            return Decimal(0)
        return Decimal(1) if (response == "true") == bool(value["answer"]) else Decimal(0)

    def feedback(self, value, response: Any) -> list[str]:
        text = {"true": value["feedback_true"], "false": value["feedback_false"]}.get(response or "", "")
        return [text] if text else []

    def correct_answer(self, value) -> str:
        return str(_("True") if value["answer"] else _("False"))

    def answer_text(self, value, response: Any) -> str:
        return {"true": str(_("True")), "false": str(_("False"))}.get(response or "", "")
