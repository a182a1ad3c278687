"""Sets extend to None (a hook it meant to fill in later): the host's call raises TypeError."""

from readhost import BaseReader


class Reader(BaseReader):
    extend = None  # expect: PC203

    def read(self, text):
        return text
