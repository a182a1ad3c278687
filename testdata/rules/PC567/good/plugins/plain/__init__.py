"""A package with no hookimpl anywhere: pluggy registers nothing, and there is nothing to
register."""

GREETING = "hello"
