from lint_host.checkers import BaseChecker


class Checker(BaseChecker):
    name = "renamed"

    def visit_tryexcept(self, node):  # expect: PC568
        self.seen = node


def register(linter):
    linter.register_checker(Checker(linter))
