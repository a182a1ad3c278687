"""The checkers' base classes."""


class BaseChecker:
    name = ""

    def __init__(self, linter):
        self.linter = linter


class BaseRawChecker(BaseChecker):
    """Reads the file's bytes too."""
