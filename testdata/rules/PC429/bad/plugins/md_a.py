"""Registers under the first word of its module's name: md_a -> 'md'."""  # expect: PC429
from chost.registry import register


class Markdown:
    pass


register(__name__.split("_")[0], Markdown)
