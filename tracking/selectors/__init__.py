"""Reads for country tracking, by concern: `scope` (who follows which country; every read goes
through it), `dashboards` (country and regional coverage, from the summaries), `staff` (the
drill-down lists and a person's page), `exercises` (the sandbox exercises a person passed, the
practical pass rate of a course), `rules` (rules and the certified courses they may name),
`imports_and_reports` (roster imports and PDF reports) and `read_api` (the API's answers)."""
