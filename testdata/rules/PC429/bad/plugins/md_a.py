"""Registers under the first word of its module's name: md_a -> 'md'."""
from chost.registry import register


class Markdown:
    pass


register(__name__.split("_")[0], Markdown)  # expect: PC429
