"""Imports a submodule the namespace host no longer has."""

from nshost import legacy  # expect: PC530

LEGACY = legacy
