"""check() returns a list of messages."""

from toolhost import Plugin


class Words(Plugin):
    def check(self, text):
        return [word for word in text.split() if len(word) > 3]


def plugin(version):
    return Words
