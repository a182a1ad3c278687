"""A checker written for lhost 2, half moved to lhost 3."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from operator import methodcaller

SUMMARY = methodcaller("summary")


def old_report() -> object:  # only lhost 2 called this; summary() imports .report too
    from . import report

    return report


class Checker:
    def __init__(self, tree: ast.AST) -> None:
        self.tree = tree

    def run(self) -> Iterator[str]:  # lhost reads checker.run
        from lhost.util import word_count  # expect: PC530

        yield str(word_count(self.tree))
        yield SUMMARY(self)

    def on_start(self) -> None:  # lhost's getattr(checker, "on_" + event)
        from lhost import util
        from lhost.util import start_timer  # expect: PC530

        if util.TIMED:  # expect: PC530
            start_timer()
        if hasattr(util, "PROFILED") and util.PROFILED:  # guarded by its own test
            start_timer()

    def summary(self) -> str:  # named by a string of the plugin's
        from lhost.util import summarize  # expect: PC530

        from . import report

        return str(summarize(self.tree)) + report.TITLE

    def legacy(self) -> object:  # only lhost 2 called this
        from lhost.engine import pep8  # expect: PC530

        from . import compat

        def inner() -> object:
            from lhost.compat import pep257  # expect: PC530

            return pep257

        return pep8, inner, compat


class Visitor(ast.NodeVisitor):
    def visit_Call(self, node: ast.Call) -> None:  # ast.NodeVisitor calls it by name
        from lhost.util import count_call  # expect: PC530

        count_call(node)
