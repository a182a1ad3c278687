"""Its name is a property reading an option the host passes."""

from chost import Checker


class Labelled(Checker):
    @property
    def name(self):
        return f"labelled-{self.options.max_line}"
