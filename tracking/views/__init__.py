"""Country tracking pages, by concern: `base` (what every page shares), `dashboards` (index, region,
country dashboard), `staff` (drill-down lists and person pages), `rules`, `roster` (imports) and
`reports` (PDF country reports)."""
