"""Yields each line's length where the host takes each message as a str."""

from chost import Checker


class Lengths(Checker):
    name = "lengths"

    def check(self, text):  # expect: PC537
        for line in text.splitlines():
            yield len(line)
