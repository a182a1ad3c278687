"""Overrides run() with a parameter the untyped host's run() call never passes."""

from texthost import Extension


class Lower(Extension):
    def run(self, text):  # expect: PC204
        return text.lower()


def make_extension(**kwargs) -> Lower:
    return Lower(**kwargs)
