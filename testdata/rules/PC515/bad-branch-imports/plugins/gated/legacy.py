"""Python 2 only: the target never imports it."""

NAMES = {"py2": "legacy"}
NAME = NAMES["py3"]
