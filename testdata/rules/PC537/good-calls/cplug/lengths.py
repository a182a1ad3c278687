"""Yields each line's length as the str message the host takes."""

from chost import Checker


class Lengths(Checker):
    name = "lengths"

    def check(self, text):
        for line in text.splitlines():
            yield f"{len(line)} characters"
