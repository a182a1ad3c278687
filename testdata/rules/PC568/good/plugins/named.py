import ast

from lint_host.checkers import BaseChecker


class FunctionMixin:
    def leave_functiondef(self, node):
        self.seen = node


class Checker(FunctionMixin, BaseChecker):
    name = "named"

    def visit_module(self, node):
        self.visit_children(node)

    def visit_children(self, node):  # a helper the checker calls itself
        self.seen = node

    def visit_tryexcept(self, node):  # an older host's name, dispatched as visit_try too
        self.seen = node

    visit_try = visit_tryexcept

    def visit_default(self, node):
        self.seen = node


class Finder(ast.NodeVisitor):  # another host's dispatch: ast calls visit_<class name>
    def visit_FunctionDef(self, node):
        self.generic_visit(node)


def register(linter):
    linter.register_checker(Checker(linter))
