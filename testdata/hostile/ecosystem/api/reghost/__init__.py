"""A host that hands each plugin's register() a linter."""


class Linter:
    def register_checker(self, checker):
        self.checker = checker


def linter():
    return Linter()
