"""Inherits extend from a base class of its own."""

from readhost import BaseReader


class Extending:
    def extend(self, host, **config):
        host.readers[type(self).__name__] = self


class Reader(Extending, BaseReader):
    def read(self, text):
        return text.lower()
