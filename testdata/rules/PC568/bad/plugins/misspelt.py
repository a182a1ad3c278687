from lint_host import checkers
from lint_host.checkers import BaseChecker as Base


class FunctionMixin:
    def leave_functiondefs(self, node):  # expect: PC568
        self.seen = node


class Checker(FunctionMixin, Base):
    name = "misspelt"

    def visit_modul(self, node):  # expect: PC568
        self.seen = node


class RawChecker(checkers.BaseRawChecker):
    name = "raw"

    def visit_classdf(self, node):  # expect: PC568
        self.seen = node


def register(linter):
    linter.register_checker(Checker(linter))
    linter.register_checker(RawChecker(linter))
