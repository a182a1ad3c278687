"""The host's API: its names come from submodules, on first use, through a lazy module."""

from . import _lazy

_lazy.install(__name__, {"lazy_api._state": ["current_app"]})
