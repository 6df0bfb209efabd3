"""What an exercise type is: its parameters, its scenario builder and its checker.

A type subclasses `ExerciseType` and is registered (`sandbox.exercises.registry.register`):

- `parameters` names what a trainer may set, among `PARAMETERS` (a crossing point, a month, a
  number of travellers, a difficulty); `parameters_clean` checks them for this type and raises
  a ValidationError whose keys name the fields, so the lesson editor puts each message on its
  field;
- `build(context)` returns a `ScenarioPlan` from the attempt's seed alone (and the reference
  data and the anchor date): the records to write into the learner's layer, the brief the
  learner reads, and the expected outcome, which stays on the server;
- `check(context)` reads the learner's sandbox through `sandbox.selectors` (what they did there)
  and, for a type that asks for one, the answer they recorded, and returns a score from 0 to
  100 with findings that name each mistake (`Finding`, rendered in the reader's language by
  `sandbox.exercises.findings`).

Scores: `score_from(criteria)` weighs the criteria a solution must meet; a finding marked
`critical` (a traveller admitted who must be refused) caps the score below any pass mark.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django import forms
    from django.utils.functional import Promise

    from sandbox.models import ExerciseAttempt, LayeredModel, Sandbox

# What a trainer may set on an exercise, whatever its type: each type uses some of them.
PARAMETERS: dict[str, Any] = {
    "crossing_point": _("Border crossing point"),
    "month": _("Month"),
    "travellers": _("Number of travellers"),
    "difficulty": _("Difficulty"),
}
DIFFICULTIES = (("standard", _("Standard")), ("hard", _("Hard")))
# A score at or above which no critical mistake may ever reach.
CRITICAL_CAP = 40


@dataclass(frozen=True)
class Ref:
    """A reference, inside a plan, to another planned record: its uid once written."""

    name: str


@dataclass
class PlannedRecord:
    name: str
    model: type[LayeredModel]
    fields: dict[str, Any]


@dataclass
class ScenarioPlan:
    """What a builder returns: records for the learner's layer, the brief and the expected outcome.

    Values of `fields` and `expected` may be `Ref`s: the writer replaces each by the uid the
    record got. `brief` and `expected` must be JSON (dates as ISO text)."""

    records: list[PlannedRecord] = field(default_factory=list)
    brief: dict[str, Any] = field(default_factory=dict)
    expected: dict[str, Any] = field(default_factory=dict)

    def add(self, name: str, model: type[LayeredModel], **fields: Any) -> Ref:
        if any(record.name == name for record in self.records):
            raise ValueError(f"Two planned records are called {name!r}.")
        self.records.append(PlannedRecord(name, model, fields))
        return Ref(name)


@dataclass(frozen=True)
class BuildContext:
    seed: int
    parameters: dict[str, Any]
    # The day the attempt starts (UTC): the scenario's dates are set relative to it.
    anchor: dt.datetime
    sandbox: Sandbox | None = None

    @property
    def rng(self) -> random.Random:
        return random.Random(self.seed)  # noqa: S311 - a practice scenario, not a secret


@dataclass(frozen=True)
class Finding:
    """One mistake: a code of the type's `messages` and the values that message names.

    A value is a plain JSON value, or `{"kind": ..., "value": ...}` for a code shown by its name
    in the reader's language (a crossing point, a purpose, a decision...)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    critical: bool = False

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "params": self.params}
        if self.critical:
            data["critical"] = True
        return data


@dataclass
class CheckResult:
    score: int
    findings: list[Finding]


@dataclass(frozen=True)
class CheckContext:
    sandbox: Sandbox
    attempt: ExerciseAttempt

    @property
    def records(self) -> dict[str, int]:
        return self.attempt.records

    @property
    def expected(self) -> dict[str, Any]:
        return self.attempt.expected

    @property
    def answer(self) -> dict[str, Any]:
        return self.attempt.answer


def coded(kind: str, value: Any) -> dict[str, Any]:
    """A finding's value shown by its name in the reader's language (`sandbox.exercises.findings`)."""
    return {"kind": kind, "value": value}


def score_from(criteria: list[tuple[int, Finding | None]]) -> CheckResult:
    """The score of weighted criteria, each (weight, None when met or the finding that names
    the mistake); any critical finding caps the score at `CRITICAL_CAP`."""
    total = sum(weight for weight, _finding in criteria)
    earned = sum(weight for weight, finding in criteria if finding is None)
    findings = [finding for _weight, finding in criteria if finding is not None]
    score = round(100 * earned / total) if total else 100
    if findings and score == 100:
        score = 99
    if any(finding.critical for finding in findings):
        score = min(score, CRITICAL_CAP)
    return CheckResult(score=score, findings=findings)


class ExerciseType:
    """One kind of exercise. Subclasses set the class attributes and implement build and check."""

    slug: ClassVar[str] = ""
    title: ClassVar[Promise | str] = ""
    summary: ClassVar[Promise | str] = ""
    # The DOMAIN.md 5c number and the role that practises it.
    domain_number: ClassVar[int | None] = None
    # For a type without a number: the number of the type it comes right after in lists.
    follows: ClassVar[int | None] = None
    role: ClassVar[str] = "border_officer"
    parameters: ClassVar[tuple[str, ...]] = ()
    default_pass_mark: ClassVar[int] = 100
    # Finding codes: (a short label, to count a mistake across learners; the message, which may
    # name %(found)s, %(expected)s and any other of the finding's params).
    messages: ClassVar[dict[str, tuple[Promise | str, Promise | str]]] = {}
    # The template that renders the brief (context: `brief`, the type's `brief_context`).
    brief_template: ClassVar[str] = ""
    # Where in the sandbox the learner works on it (a URL name of `sandbox`), if anywhere.
    workspace_url_name: ClassVar[str] = "sandbox:movement_create"

    def workspace_parameters(self, attempt: ExerciseAttempt) -> dict[str, str]:
        """What the workspace's link fills in on its form beyond the attempt's token (GET
        parameters; the learner still reads and sends the form)."""
        return {}

    # Parameters

    def parameter_defaults(self) -> dict[str, Any]:
        return {}

    def parameters_clean(self, raw: dict[str, Any]) -> dict[str, Any]:
        """This type's parameters from what a trainer set: defaults for what is empty, a
        ValidationError keyed by field for what the type cannot use."""
        values = self.parameter_defaults()
        values.update({name: raw[name] for name in self.parameters if raw.get(name) not in (None, "")})
        errors: dict[str, list[str]] = {}
        for name in PARAMETERS:
            if name not in self.parameters and raw.get(name) not in (None, "", self.parameter_defaults().get(name)):
                errors.setdefault(name, []).append(
                    str(_("This exercise type does not use this setting: leave it empty."))
                )
        self.parameters_validate(values, errors)
        if errors:
            raise ValidationError(errors)
        return values

    def parameters_validate(self, values: dict[str, Any], errors: dict[str, list[str]]) -> None:
        """Add, per field, what is wrong with `values` for this type."""

    # Scenario and check

    def build(self, context: BuildContext) -> ScenarioPlan:
        raise NotImplementedError

    def check(self, context: CheckContext) -> CheckResult:
        raise NotImplementedError

    # Answers, for a type that asks for one

    answer_form_class: ClassVar[type[forms.Form] | None] = None

    def answer_form(self, attempt: ExerciseAttempt, data: Any = None) -> forms.Form | None:
        if self.answer_form_class is None:
            return None
        return self.answer_form_class(data=data, initial=attempt.answer or None)

    def brief_context(self, brief: dict[str, Any]) -> dict[str, Any]:
        """What the brief's template needs beyond the stored brief (names in the current language)."""
        return {}

    def sample_parameters(self) -> dict[str, Any]:
        """Parameters for a sample brief (the editor's preview) when none are set."""
        return self.parameter_defaults()
