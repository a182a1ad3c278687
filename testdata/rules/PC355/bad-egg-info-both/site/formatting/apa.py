"""The APA 7 style (it ships its own formatting/apa.py)."""


class Style:
    def format(self, entries):
        return [str(e).upper() for e in entries]
