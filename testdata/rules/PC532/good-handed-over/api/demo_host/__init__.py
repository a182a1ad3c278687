"""A flake8-like host: it never calls a plugin's ``Checker`` as it is. It reads the parameters
of its ``__init__``, builds it with the values of those names for the file, and iterates its
``run()`` as ``(line, col, text, type)`` tuples."""

import ast
import inspect

SOURCE = "import os\n\nVALUE = os.sep\n"


def check(checker: type) -> None:
    values = {"tree": ast.parse(SOURCE), "lines": SOURCE.splitlines(True), "filename": "x.py"}
    wanted = list(inspect.signature(checker).parameters)
    unknown = [name for name in wanted if name not in values]
    if unknown:
        raise TypeError(f"requested unknown parameters {unknown}")
    for line, col, text, _ in checker(**{name: values[name] for name in wanted}).run():
        code, _, _ = text.partition(" ")
        assert code, text
