"""The plugin's module re-exports its implementation."""

from ._impl import *  # noqa: F403
