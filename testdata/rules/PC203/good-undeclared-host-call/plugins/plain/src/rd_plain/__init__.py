"""Defines the extend the host calls."""

from readhost import BaseReader


class Reader(BaseReader):
    def read(self, text):
        return text.strip()

    def extend(self, host, config):
        host.readers["plain"] = self
