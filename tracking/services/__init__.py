"""Writes for country tracking, by concern: `statuses` (the rules, and the statuses and summaries
derived from them), `roster_imports` (dry runs, imports and their invitations) and `country_reports`
(the PDF country reports, on request and monthly)."""
