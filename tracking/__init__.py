"""Country tracking: staff rosters, mandatory training rules, coverage dashboards, exports and a read API."""
