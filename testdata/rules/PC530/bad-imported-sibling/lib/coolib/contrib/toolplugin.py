"""The tool plugin: imports its features from the library at module level."""

from toolhost import Plugin

from coolib.contrib.features import shapes
from . import helpers


class CoolPlugin(Plugin):
    def shape(self, typ: object) -> object:
        return shapes.flatten(helpers.unwrap(typ))


def plugin(version: str) -> type[Plugin]:
    return CoolPlugin
