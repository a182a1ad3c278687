"""The base is computed at import: mypy sees Any, the class is no Handler."""

import importlib

_base = importlib.import_module("collections").OrderedDict


class Computed(_base):
    def handle(self, event: str) -> str:
        return event


HANDLER = Computed  # expect: PC428
