"""The demo curriculum: four courses, each a module `COURSE` dict, in Spanish and English.

Format (the loader `courses.demo.loader` reads it; every text exists in "es" and "en", with
the same structure in both, so the English pages are translations of the Spanish ones):

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
    "es": {"title": ..., "slug": ..., "summary": ..., "outcomes": [str, ...], "cover_alt": ...},
    "en": {...same keys...},
    "glossary": [{"es": {"term": ..., "definition": ...}, "en": {...}}, ...],
    "modules": [
        {
            "requires_previous_module": False,
            "es": {"title": ..., "slug": ..., "summary": ...},
            "en": {...},
            "lessons": [
                {
                    "estimated_minutes": 15,
                    "is_required": True,
                    "es": {"title": ..., "slug": ..., "body": [BLOCK, ...]},
                    "en": {...same blocks, translated...},
                },
            ],
        },
    ],
    "questions": [
        {"kind": KIND, "tags": ["mrz"], "points": 1,
         "es": {"prompt": ..., "explanation": "<p>...</p>", "value": VALUE},
         "en": {...}},
    ],
    "quiz": {
        "module": 2, "lesson": 0,       # indexes of the lesson that ends with the quiz
        "question_count": 10, "pass_mark": 70, "max_attempts": 3, "time_limit_minutes": None,
        "feedback": "when_done",        # "full" | "when_done" | "score"
        "es": {"title": ..., "introduction": "<p>...</p>"},
        "en": {...},
    },
}

BLOCK is a (type, value) pair:
    ("heading", {"text": ..., "level": "h2"})           # or "h3"
    ("text", "<p>HTML with <b>, <i>, <ul>, <ol>, <h3>, <h4>, <a href></p>")
    ("image", {"image": "file.svg", "alt_text": ..., "caption": ...})
    ("callout", {"kind": "tip" | "warning" | "legal", "text": "<p>...</p>"})
    ("procedure", {"title": ..., "steps": [{"title": ..., "detail": "<p>...</p>" or ""}, ...]})
    ("knowledge_check", {"question": ..., "options": [OPTION, ...], "explanation": "<p>...</p>"})
    ("glossary_term", {"term": 0})                      # index into the course's "glossary"

KIND and VALUE (optional texts are "", never None):
    "single_choice":     {"options": [OPTION, ...]}                 # exactly one correct
    "multiple_response": {"options": [OPTION, ...], "partial_credit": True}
    "true_false":        {"answer": True, "feedback_true": "", "feedback_false": ""}
    "numeric":           {"answer": "12.5", "tolerance": "0", "unit": ""}
    "short_text":        {"accepted_answers": ["P", "pasaporte"]}
    "matching":          {"pairs": [{"prompt": ..., "match": ...}, ...]}
    "ordering":          {"items": [first, second, ...]}            # in the correct order
OPTION is {"text": ..., "is_correct": bool, "feedback": ""}.
"""

from courses.demo.curriculum import alerts, border_entries, consultation, statistics

COURSES = (border_entries.COURSE, alerts.COURSE, consultation.COURSE, statistics.COURSE)
