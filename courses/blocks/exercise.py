"""The sandbox exercise block: a hands-on exercise a trainer sets in a lesson.

The trainer chooses an exercise type of the engine (`sandbox.exercises`), sets the parameters
that type uses, writes the instructions (in each language's version of the lesson), the pass
mark and the attempts allowed. `clean` asks the type to check the parameters, so a crossing
point of the wrong mode or a month without data is refused on its field; the block's previews
(and the lesson page for course staff) show a sample brief of the type with those parameters.
The learner's side (brief, check, restart) is `courses/includes/exercise.html` and
`courses.views` (exercises).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks.content import TEMPLATES
from courses.blocks.quiz import GradedActivityBlock
from sandbox.exercises import exercise_type, exercise_type_choices
from sandbox.exercises.base import DIFFICULTIES, PARAMETERS
from sandbox.exercises.registry import UnknownExerciseType


def crossing_point_choices() -> list[tuple[str, str]]:
    from sandbox.models import CrossingPoint

    points = CrossingPoint.objects.select_related("country").order_by("country__code", "name")
    return [("", "---------")] + [
        (point.code, f"{point.name} ({point.country_id}, {point.get_kind_display().lower()})") for point in points
    ]


def exercise_parameters(value) -> dict:
    """The block's parameter fields, as the engine reads them (empty ones left out)."""
    return {name: value.get(name) for name in PARAMETERS if value.get(name) not in (None, "")}


class ExerciseBlock(GradedActivityBlock):
    activity_kind = "exercise"

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    exercise_type = blocks.ChoiceBlock(label=_("Exercise type"), choices=exercise_type_choices)
    instructions = blocks.RichTextBlock(
        label=_("Instructions"),
        required=False,
        features=["bold", "italic", "ul", "ol", "link"],
        help_text=_("What the learner should do, before the brief of their own scenario."),
    )
    crossing_point = blocks.ChoiceBlock(
        label=PARAMETERS["crossing_point"],
        choices=crossing_point_choices,
        required=False,
        help_text=_("For types set at a post. Leave empty for the type's default."),
    )
    month = blocks.RegexBlock(
        label=PARAMETERS["month"],
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        max_length=7,
        help_text=_("YYYY-MM, for types that read a month of the practice data."),
        error_messages={"invalid": _("Write the month as YYYY-MM, for example 2025-12.")},
    )
    travellers = blocks.IntegerBlock(
        label=PARAMETERS["travellers"],
        required=False,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("For types with several travellers or documents."),
    )
    difficulty = blocks.ChoiceBlock(label=PARAMETERS["difficulty"], choices=DIFFICULTIES, required=False)
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The score, from 0 to 100, that passes. A single mistake costs more than the difference."),
    )
    max_attempts = blocks.IntegerBlock(
        label=_("Attempts allowed"), required=False, min_value=1, help_text=_("Leave empty for no limit.")
    )

    class Meta:
        icon = "code"
        label = _("Sandbox exercise")
        template = f"{TEMPLATES}/exercise_block.html"
        preview_value = {
            "title": "Registrar una entrada",
            "exercise_type": "entry_registration",
            "instructions": "<p>Registre la entrada del viajero en su entorno de práctica.</p>",
            "pass_mark": 100,
        }

    def get_context(self, value, parent_context=None):
        """The block on its own (the editor's previews): its instructions and a sample brief."""
        from courses.selectors.exercises import exercise_sample

        context = super().get_context(value, parent_context=parent_context)
        context["sample"] = exercise_sample(type_slug=value.get("exercise_type"), parameters=exercise_parameters(value))
        return context

    def clean(self, value):
        value = super().clean(value)
        try:
            kind = exercise_type(value["exercise_type"])
        except UnknownExerciseType:
            raise StructBlockValidationError(
                block_errors={"exercise_type": ValidationError(_("Choose an exercise type."))}
            ) from None
        try:
            kind.parameters_clean(exercise_parameters(value))
        except ValidationError as error:
            raise StructBlockValidationError(
                block_errors={name: ValidationError(messages) for name, messages in error.message_dict.items()}
            ) from None
        return value
