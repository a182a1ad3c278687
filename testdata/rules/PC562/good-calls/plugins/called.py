"""check() calls the method it names (text.split()), or returns what another name holds."""

from toolhost import Plugin


class Words(Plugin):
    def check(self, text):
        if not text:
            return self.options
        return text.split()


def plugin(version):
    return Words
