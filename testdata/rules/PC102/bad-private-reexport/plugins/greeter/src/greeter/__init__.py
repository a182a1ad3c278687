"""A plugin re-exporting its factory under the private name."""

from .impl import _new
