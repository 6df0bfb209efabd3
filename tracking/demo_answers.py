"""How a synthetic official of the tracking demo answers a graded quiz: an item response model
(each official's ability, each question's difficulty and discrimination) and answers typed as
people type them, right or wrong, graded the way `attempt_submit` grades them."""

from __future__ import annotations

import math
import random
import uuid
from dataclasses import dataclass
from decimal import Decimal

from courses.blocks import normalize_text
from courses.selectors.quiz import DrawnQuestion

# The item response model (see `tracking.demo`'s docstring): abilities, and how much studying between
# two attempts adds; each question's difficulty and discrimination come from its translation key.
ABILITY = (1.0, 0.8)  # mean, standard deviation
STUDY = 0.8
DIFFICULTY = (-0.3, 1.0)
DISCRIMINATION = (0.4, 2.0)
MINUTES_PER_ATTEMPT = (6, 25)


@dataclass
class Learner:
    """One synthetic official taking a course's graded activities."""

    language: str
    rng: random.Random
    ability: float
    seed: int  # the load's: questions are as hard for everyone


def _item(seed: int, question_key: uuid.UUID) -> tuple[float, float]:
    """A question's difficulty and discrimination, the same for everyone and every load."""
    rng = random.Random(f"{seed}-item-{question_key}")  # noqa: S311 - synthetic data
    return rng.gauss(*DIFFICULTY), rng.uniform(*DISCRIMINATION)


def _answers_right(learner: Learner, drawn: list[DrawnQuestion]) -> list[bool]:
    right = []
    for question in drawn:
        difficulty, discrimination = _item(learner.seed, question.question.translation_key)
        chance = 1 / (1 + math.exp(-discrimination * (learner.ability - difficulty)))
        right.append(learner.rng.random() < chance)
    return right


def _typed_number(number: Decimal, language: str) -> str:
    """A number as an official types it: their decimal separator, no thousands separator, never
    three decimals after one to three digits (which `read_number` refuses as ambiguous)."""
    text = format(number.normalize(), "f")
    if "." in text:
        whole, fraction = text.split(".")
        digits = whole.lstrip("-")
        if len(fraction) == 3 and 1 <= len(digits) <= 3 and not digits.startswith("0"):
            fraction += "0"
        text = f"{whole}{',' if language == 'es' else '.'}{fraction}"
    return text


def _wrong_number(value, rng: random.Random) -> Decimal:
    """A number a person gets wrong: the sign forgotten, or off by a step of its size (90 -> 80 or
    110, 236737 -> 226737), outside the tolerance."""
    answer, tolerance = Decimal(value["answer"]), Decimal(value["tolerance"] or 0)
    if answer < 0 and rng.random() < 0.5:
        return -answer
    magnitude = math.floor(math.log10(abs(answer))) if answer else 0
    step = Decimal(10) ** (magnitude - 1 if magnitude >= 2 else magnitude)
    offset = step * rng.choice((-2, -1, 1, 2))
    while abs(offset) <= tolerance:
        offset *= 10
    return answer + offset


def _misspelt(text: str, rng: random.Random) -> str:
    """A word as a hurried person writes it: a letter left out, or in a short code two swapped (GTM -> GMT)."""
    if len(text) >= 4:
        index = rng.randrange(1, len(text) - 1)
        return text[:index] + text[index + 1 :]
    if len(text) >= 2:
        index = rng.randrange(len(text) - 1)
        return text[:index] + text[index + 1] + text[index] + text[index + 2 :]
    return ""


def _ids(list_value) -> list[str]:
    return [child.id for child in list_value.bound_blocks]


def _form_answer(question: DrawnQuestion, *, right: bool, language: str, rng: random.Random) -> dict[str, object]:
    """The form fields an official fills in for one question: the right answer, or a wrong one a person gives."""
    kind, value, name = question.block.kind, question.value, question.field
    if kind in ("single_choice", "multiple_response"):
        options = [(child.id, child.value["is_correct"]) for child in value["options"].bound_blocks]
        correct = [id for id, is_correct in options if is_correct]
        wrong = [id for id, is_correct in options if not is_correct]
        if kind == "single_choice":
            return {name: correct[0] if right or not wrong else rng.choice(wrong)}
        if right:
            return {name: correct}
        if len(correct) > 1 and (not wrong or rng.random() < 0.5):
            return {name: rng.sample(correct, len(correct) - 1)}  # one forgotten
        return {name: [*correct, rng.choice(wrong)] if wrong else correct[:-1]}  # one too many
    if kind == "true_false":
        return {name: "true" if bool(value["answer"]) == right else "false"}
    if kind == "numeric":
        number = Decimal(value["answer"]) if right else _wrong_number(value, rng)
        return {name: _typed_number(number, language)}
    if kind == "short_text":
        accepted = list(value["accepted_answers"])
        answer = rng.choice(accepted)
        if right:
            return {name: answer}
        misspelt = _misspelt(answer, rng)
        known = {normalize_text(text) for text in accepted}
        return {name: misspelt if normalize_text(misspelt) not in known else ""}
    if kind == "matching":
        shown = question.block.present(value, seed=question.seed, shuffle=question.shuffle)
        match_ids = {choice.text: choice.id for choice in shown.choices}
        pairs = [(child.id, child.value["match"]) for child in value["pairs"].bound_blocks]
        matches = [match for _id, match in pairs]
        if not right and len(matches) > 1:
            first, second = rng.sample(range(len(matches)), 2)
            matches[first], matches[second] = matches[second], matches[first]
        return {f"{name}-{id}": match_ids[match] for (id, _match), match in zip(pairs, matches, strict=True)}
    if kind == "ordering":
        ids = _ids(value["items"])
        positions = list(range(1, len(ids) + 1))
        if not right and len(ids) > 1:
            step = rng.randrange(len(ids) - 1)
            positions[step], positions[step + 1] = positions[step + 1], positions[step]
        return {f"{name}-{id}": str(position) for id, position in zip(ids, positions, strict=True)}
    return {}


def _score(drawn: list[DrawnQuestion], data: dict[str, object]) -> Decimal:
    """The score these answers earn, graded as `attempt_submit` grades them."""
    earned, possible = Decimal(0), 0
    for question in drawn:
        response = question.block.response_from(question.value, data, field=question.field, seed=question.seed)
        earned += question.block.grade(question.value, response) * question.question.points
        possible += question.question.points
    return earned * 100 / possible if possible else Decimal(0)


def quiz_answers(learner: Learner, drawn: list[DrawnQuestion], *, pass_mark: int, is_last: bool) -> dict:
    """An official's answers to one attempt; on the last attempt allowed, good enough to pass."""
    right = _answers_right(learner, drawn)
    answers = [
        _form_answer(question, right=is_right, language=learner.language, rng=learner.rng)
        for question, is_right in zip(drawn, right, strict=True)
    ]
    while is_last and _score(drawn, {k: v for answer in answers for k, v in answer.items()}) < pass_mark:
        index = right.index(False)  # they studied that one
        right[index] = True
        answers[index] = _form_answer(drawn[index], right=True, language=learner.language, rng=learner.rng)
    return {name: value for answer in answers for name, value in answer.items()}
