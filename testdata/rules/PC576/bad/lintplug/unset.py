"""None until someone sets it, and nothing does."""

from lint_host import Checker


class Base(Checker):
    version = "1"


class Unset(Base):  # expect: PC576
    name = None

    def check(self, text):
        return []
