"""Labels itself from a setting the tool always has."""

from toolhost import Plugin

LABELS = {"local": "labelled"}


class Labelled(Plugin):
    label = LABELS.get("local", "labelled")


def plugin(version):
    return Labelled
