"""A lower app's blocks, as the sandbox will add them: a graded exercise and its completion requirement."""

from wagtail import blocks

from courses.blocks import ActivitiesPassedBlock, GradedActivityBlock


class ExerciseBlock(GradedActivityBlock):
    activity_kind = "exercise"

    title = blocks.CharBlock()
    pass_mark = blocks.IntegerBlock(default=100)

    class Meta:
        icon = "code"


EXERCISES_PASSED = ActivitiesPassedBlock(activity_kind="exercise", label="Every exercise passed")
