"""Everything pluggy sees comes from the hooks module's star export."""

from .hooks import *  # noqa: F403
