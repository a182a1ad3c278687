"""Its name is a property reading an option the host does not pass."""

from chost import Checker


class Labelled(Checker):
    @property
    def name(self):
        return self.options.label  # expect: PC537
