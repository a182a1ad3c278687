"""Set where the class statement does not say what: in __init__, by a property, from a name."""

from lint_host import Checker

NAME = "computed"


class InInit(Checker):
    def __init__(self):
        super().__init__()
        self.name = "in-init"
        self.version = "1"

    def check(self, text):
        return []


class ByProperty(Checker):
    version = NAME

    @property
    def name(self):
        return NAME

    def check(self, text):
        return []
