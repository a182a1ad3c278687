"""An extension written like the host: unannotated methods, the right ones."""

from texthost import Extension


class Upper(Extension):
    def run(self):
        return "UPPER"


def make_extension(**kwargs) -> Upper:
    return Upper(**kwargs)
