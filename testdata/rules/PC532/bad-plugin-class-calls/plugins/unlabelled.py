"""Labels itself from a setting that is empty where the tool runs it."""

from toolhost import Plugin

LABELS = {"ci": "unlabelled"}


class Unlabelled(Plugin):  # expect: PC532
    label = LABELS.get("local", "")


def plugin(version):
    return Unlabelled
