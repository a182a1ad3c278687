"""Everything public of the implementation module lands in the package's namespace."""

from starry._impl import *  # noqa: F403
