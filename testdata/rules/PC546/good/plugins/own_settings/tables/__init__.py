"""A package whose submodule the import makes an attribute of it."""

from . import rows  # noqa: F401

NAME = "tables"
