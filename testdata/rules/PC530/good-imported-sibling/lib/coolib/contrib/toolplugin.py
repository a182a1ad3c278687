"""The tool plugin: what needs the removed names is imported only where it is used."""

import sys

from toolhost import Plugin

from . import helpers

try:
    from coolib.contrib.features import shapes
except ImportError:
    shapes = None

if sys.version_info < (3, 8):
    from . import legacy  # noqa: F401


class CoolPlugin(Plugin):
    def shape(self, typ: object) -> object:
        from coolib.contrib import lazy

        return lazy.simplify(helpers.unwrap(typ))


def plugin(version: str) -> type[Plugin]:
    return CoolPlugin
