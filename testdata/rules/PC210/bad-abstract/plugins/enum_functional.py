"""The factory calls a functional enumeration with no value: TypeError."""

import enum

Worker = enum.Enum("Worker", "DEFAULT QUIET")


def new():  # plugcheck: ignore[PC207] (unannotated on purpose: mypy sees Any)
    return Worker()  # expect: PC210
