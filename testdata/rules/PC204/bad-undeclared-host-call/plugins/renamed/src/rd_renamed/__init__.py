"""Calls its second parameter `settings`: the host passes config=..., a TypeError."""

from readhost import BaseReader


class Reader(BaseReader):
    def read(self, text):
        return text

    def extend(self, host, settings):  # expect: PC204
        host.readers["renamed"] = self
