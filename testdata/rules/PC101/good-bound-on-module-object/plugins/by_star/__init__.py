"""Re-exports what impl stores on itself."""

from .impl import *  # noqa: F403
