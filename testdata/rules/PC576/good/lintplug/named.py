"""Both attributes in the class body; an abstract helper class the host never builds."""

import abc

from lint_host import Checker


class Helper(Checker):
    @abc.abstractmethod
    def words(self): ...

    def check(self, text):
        return [w for w in self.words() if w in text]


class Named(Helper):
    name = "named"
    version = ""

    def words(self):
        return ["TODO"]
