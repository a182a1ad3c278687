"""check() exits only for one text; every other call returns a list."""

import sys

from toolhost import Plugin


class OnRequest(Plugin):
    def check(self, text):
        if text == "quit":
            sys.exit(0)
        return text.split()


def plugin(version):
    return OnRequest
