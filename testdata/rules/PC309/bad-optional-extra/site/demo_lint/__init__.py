"""A linter host's own plugins."""
