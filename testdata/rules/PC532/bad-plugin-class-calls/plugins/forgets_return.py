"""check() collects its messages but returns nothing: the host iterates None."""

from toolhost import Plugin


class Collecting(Plugin):  # expect: PC532
    def check(self, text):
        self.messages = text.split()


def plugin(version):
    return Collecting
