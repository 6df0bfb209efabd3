"""Form data for a quiz attempt: every answer right, or every answer wrong (what a learner would type)."""

from __future__ import annotations

from courses.models import Question, QuizAttempt


def _ids(list_value) -> list[str]:
    return [child.id for child in list_value.bound_blocks]


def answer_form(attempt: QuizAttempt, *, correct: bool = True) -> dict[str, object]:
    """POST data answering every question of `attempt`, all correctly or all wrongly."""
    data: dict[str, object] = {}
    questions = Question.objects.in_bulk([item["question"] for item in attempt.drawn])
    for position, item in enumerate(attempt.drawn, start=1):
        question = questions[item["question"]]
        child = question.body[0]
        kind, value, field = child.block_type, child.value, f"answer-{position}"
        if kind in ("single_choice", "multiple_response"):
            options = list(zip(_ids(value["options"]), value["options"], strict=True))
            chosen = [id for id, option in options if bool(option["is_correct"]) == correct]
            data[field] = chosen if kind == "multiple_response" else chosen[0]
        elif kind == "true_false":
            data[field] = "true" if bool(value["answer"]) == correct else "false"
        elif kind == "numeric":
            answer = value["answer"]
            data[field] = str(answer if correct else answer + 1000 + 10 * (value["tolerance"] or 0))
        elif kind == "short_text":
            data[field] = value["accepted_answers"][0].upper() if correct else "zzz-no-such-answer"
        elif kind == "matching":
            # The form offers the matches under ids of their own: find each by its text.
            shown = child.block.present(value, seed=item["seed"])
            match_ids = {choice.text: choice.id for choice in shown.choices}
            matches = [pair["match"] for pair in value["pairs"]]
            for index, id in enumerate(_ids(value["pairs"])):
                data[f"{field}-{id}"] = match_ids[matches[index if correct else (index + 1) % len(matches)]]
        elif kind == "ordering":
            ids = _ids(value["items"])
            for position_in_order, id in enumerate(ids, start=1):
                data[f"{field}-{id}"] = str(position_in_order if correct else len(ids) + 1 - position_in_order)
    return data
