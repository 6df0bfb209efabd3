"""The exercise engine: exercise types, their scenarios in a learner's layer, checks and attempts.

It knows nothing of lessons: whoever sets an exercise names it (`ExerciseSpec.key`) and records
the result where it needs it (the courses app, as a graded activity). See `base` for what a
type is, `engine` for the services, `selectors` for the reads, `findings` for their text.
"""

from sandbox.exercises import types  # noqa: F401  (registers the types)
from sandbox.exercises.registry import exercise_type, exercise_type_choices, exercise_types

__all__ = ["exercise_type", "exercise_type_choices", "exercise_types"]
