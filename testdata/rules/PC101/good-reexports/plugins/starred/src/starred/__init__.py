"""Everything public of the submodule is re-exported."""

from .impl import *  # noqa: F403
