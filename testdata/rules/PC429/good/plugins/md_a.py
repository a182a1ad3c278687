"""Registers under its own module's name: 'md_a'."""
from chost.registry import register


class Markdown:
    pass


register(__name__.rpartition(".")[2], Markdown)
