"""Types for the checker, written for Python 2."""

from string import letters


class Backend:
    alphabet = letters
