"""Takes anything: *args and **kwargs."""

from readhost import BaseReader


class Reader(BaseReader):
    def read(self, text):
        return text

    def extend(self, *args, **kwargs):
        args[0].readers["loose"] = self
