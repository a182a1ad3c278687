"""A field for the host: correct, but mypy cannot judge it against a class made at run time."""

from formhost import Field


class DateField(Field):
    def run(self):
        return "2026-12-03"


def make():  # expect: PC534
    return DateField()
