"""Question types: how a trainer writes each one, how a learner answers it, how the server grades it.

- `base`: the interface every type implements (`QuestionTypeBlock`), what a learner's form
  shows (`Presentation`, `Choice`), the errors a response raises, and the shared helpers;
- `choice`: single choice, multiple response, true or false (and `OptionBlock`);
- `typed`: numeric (with `read_number`, how a typed number is read) and short text;
- `arranged`: matching and ordering.

This module holds `QuestionBodyBlock`, the StreamBlock a question stores its one type in.
Migrations name none of these modules (each type is recorded as Wagtail's own StructBlock), so
moving a type from one module to another needs no migration.
"""

from __future__ import annotations

from wagtail import blocks

from courses.blocks.questions.arranged import MatchingBlock, OrderingBlock
from courses.blocks.questions.choice import MultipleResponseBlock, SingleChoiceBlock, TrueFalseBlock
from courses.blocks.questions.typed import NumericBlock, ShortTextBlock


class QuestionBodyBlock(blocks.StreamBlock):
    """A question holds exactly one of the types.

    No `min_num`: Wagtail's editor would show "the minimum number of items is 1" on a new,
    untouched question. The field is required (`blank=False`), which refuses an empty one on saving.
    """

    single_choice = SingleChoiceBlock()
    multiple_response = MultipleResponseBlock()
    true_false = TrueFalseBlock()
    numeric = NumericBlock()
    short_text = ShortTextBlock()
    matching = MatchingBlock()
    ordering = OrderingBlock()

    class Meta:
        max_num = 1
