"""Styles of kr-alt."""


class Style:
    def format(self, entries):
        return [str(e) for e in entries]
