"""People and organisations: users, countries, authorities, duty posts, staff profiles and roles (bottom layer)."""
