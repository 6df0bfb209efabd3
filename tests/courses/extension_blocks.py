"""A lower app's blocks, as a deployment might add them: a graded field task and its completion requirement."""

from wagtail import blocks

from courses.blocks import ActivitiesPassedBlock, GradedActivityBlock


class FieldTaskBlock(GradedActivityBlock):
    activity_kind = "field_task"

    title = blocks.CharBlock()
    pass_mark = blocks.IntegerBlock(default=100)

    class Meta:
        icon = "code"


FIELD_TASKS_PASSED = ActivitiesPassedBlock(activity_kind="field_task", label="Every field task passed")
