"""The host object a pylint plugin's ``register(linter)`` receives: a real ``PyLinter``.

Runs in the target interpreter (plugcheck calls ``linter()`` there, in a sandboxed process), so
``register`` meets exactly the API of the installed pylint, with pylint's own checkers loaded as
``pylint`` loads them before it loads ``--load-plugins``.

pylint walks every registered checker over every module it lints, calling its ``visit_<node>``
and ``leave_<node>`` methods with the node (pylint.utils.ASTWalker). So each checker the plugin
registers is walked at once over a small ordinary module, the way pylint walks it: a visit
method with the wrong arity, one that fails on plain code, or an ``add_message`` of a message
the checker never declared raises inside ``register``, in the plugin's own frame, as it fails
pylint on the first file it lints (the realvar differential family, issue 12). pylint's own
checkers are not walked.
"""

from __future__ import annotations

from typing import Any

SAMPLE = """\
import os


class Sample:
    def method(self, items):
        return [item for item in items if item]


VALUE = os.sep
"""


def linter() -> Any:
    from pylint.lint import PyLinter

    class _Linter(PyLinter):
        walks = False

        def register_checker(self, checker: Any) -> None:
            super().register_checker(checker)
            if self.walks:
                _walk(self, checker)

    linter = _Linter()
    linter.load_default_plugins()
    linter.walks = True
    return linter


def _walk(linter: Any, checker: Any) -> None:
    """Walk ``checker`` over :data:`SAMPLE` as pylint walks a linted module."""
    import astroid
    from pylint.checkers import BaseChecker
    from pylint.utils import ASTWalker
    from pylint.utils.file_state import FileState

    if not isinstance(checker, BaseChecker):
        return  # pylint's own registration has already refused it
    module = astroid.parse(SAMPLE, module_name="plugcheck_sample", path="plugcheck_sample.py")
    linter.set_current_module("plugcheck_sample", "plugcheck_sample.py")
    linter.file_state = FileState("plugcheck_sample", linter.msgs_store, module)
    walker = ASTWalker(linter)
    walker.add_checker(checker)
    checker.open()
    walker.walk(module)
    checker.close()
