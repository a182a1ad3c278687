"""Types for the checker only, from mhost 3."""

from mhost.sql import CrudParams as Params

__all__ = ["Params"]
