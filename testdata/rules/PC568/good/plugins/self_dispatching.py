from lint_host.checkers import BaseChecker


class Checker(BaseChecker):
    name = "self-dispatching"

    def visit_module(self, node):
        for kind in ("names", "calls"):
            getattr(self, "visit_" + kind)(node)  # its own dispatch, by name

    def visit_names(self, node):
        self.seen = node

    def visit_calls(self, node):
        self.seen = node


def register(linter):
    linter.register_checker(Checker(linter))
