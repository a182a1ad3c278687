"""A linter-like host: it imports each plugin module and calls register(linter) with itself."""


class Linter:
    def __init__(self, config_path: str) -> None:
        self.config_path = config_path
        self.checkers: list[object] = []

    def register_checker(self, checker: object) -> None:
        self.checkers.append(checker)
