"""The demo curriculum: four courses, each a module `COURSE` dict written once for both languages.

Format (the loader `courses.demo.loader` reads each course in each language through
`courses.demo.curriculum.text.localise`). The structure — modules, lessons, blocks, questions,
which options are correct, points — is written once, so the English pages are translations of
the Spanish ones. A text that differs between the languages is `T(es=..., en=...)`; a plain
string is the same in both (a code, a country's name, a number, an empty feedback).

COURSE = {
    "key": "border-entries",            # stable identifier: the loader is idempotent on it
    "topic": "border_control",          # courses.models.Topic value
    "audience": ["border_officer"],     # people.models.JobFunction values
    "estimated_hours": "4",
    "pass_mark": 70,                    # percent, for the average-score rule
    "certificate_validity_months": 24,  # or None
    "enrolment_policy": "open",         # "open" | "assigned" | "closed"
    "prerequisites": [],                # keys of other demo courses
    "cover": "border-post.svg",         # a file in courses/demo/images/
    "title": T(...), "slug": T(...), "summary": T(...), "outcomes": [T(...), ...], "cover_alt": T(...),
    "glossary": [{"term": T(...), "definition": T(...)}, ...],
    "modules": [
        {
            "requires_previous_module": False,
            "title": T(...), "slug": T(...), "summary": T(...),
            "lessons": [
                {"estimated_minutes": 15, "is_required": True, "title": T(...), "slug": T(...), "body": [BLOCK, ...]},
            ],
        },
    ],
    "questions": [
        {"kind": KIND, "tags": ["mrz"], "points": 1, "prompt": T(...), "explanation": T(...), "value": VALUE},
    ],
    "quiz": {
        "module": 2, "lesson": 0,       # indexes of the lesson that ends with the quiz
        "question_count": 10, "pass_mark": 70, "max_attempts": 3, "time_limit_minutes": None,
        "feedback": "when_done",        # "full" | "when_done" | "score"
        "title": T(...), "introduction": T(...),
    },
}

BLOCK is a (type, value) pair (explanations, introductions and block texts are HTML, "<p>...</p>"):
    ("heading", {"text": T(...), "level": "h2"})        # or "h3"
    ("text", T(...))                                    # HTML: <p>, <b>, <i>, <ul>, <ol>, <h3>, <h4>, <a href>
    ("image", {"image": "file.svg", "alt_text": T(...), "caption": T(...)})
    ("callout", {"kind": "tip" | "warning" | "legal", "text": T(...)})
    ("procedure", {"title": T(...), "steps": [{"title": T(...), "detail": T(...) or ""}, ...]})
    ("knowledge_check", {"question": T(...), "options": [OPTION, ...], "explanation": T(...)})
    ("glossary_term", {"term": 0})                      # index into the course's "glossary"

KIND and VALUE (optional texts are "", never None):
    "single_choice":     {"options": [OPTION, ...]}                 # exactly one correct
    "multiple_response": {"options": [OPTION, ...], "partial_credit": True}
    "true_false":        {"answer": True, "feedback_true": "", "feedback_false": ""}
    "numeric":           {"answer": "12.5", "tolerance": "0", "unit": ""}
    "short_text":        {"accepted_answers": ["P", T(es="pasaporte", en="passport")]}
    "matching":          {"pairs": [{"prompt": T(...), "match": T(...)}, ...]}
    "ordering":          {"items": [first, second, ...]}            # in the correct order
OPTION is option(T(...), correct=True, feedback=T(...)): `correct` defaults to False, `feedback` to "".
"""

from courses.demo.curriculum import alerts, border_entries, consultation, statistics

COURSES = (border_entries.COURSE, alerts.COURSE, consultation.COURSE, statistics.COURSE)
