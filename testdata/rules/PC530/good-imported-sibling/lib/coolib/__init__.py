"""A library with an optional plugin for the tool."""

from coolib import core

__all__ = ["core"]
