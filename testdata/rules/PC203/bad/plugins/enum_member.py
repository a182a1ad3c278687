"""The plugin is an enumeration member, and `run` is another member, not a method."""

import enum


class Worker(enum.Enum):
    DEFAULT = "default"
    run = "fast"  # expect: PC203

    def init(self, config):
        pass

    def shutdown(self, timeout):
        pass


def new():  # plugcheck: ignore[PC207] (unannotated on purpose: mypy sees Any)
    return Worker.DEFAULT
