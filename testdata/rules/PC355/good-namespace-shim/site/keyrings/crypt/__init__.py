"""Styles of kr-crypt."""


class Style:
    def format(self, entries):
        return [str(e) for e in entries]
