"""A removed submodule of a subpackage, reached through an alias of the subpackage."""

import richtext.blocks as rb
from richtext.blocks import lists
from richtext.blocks import tables  # expect: PC530


def make():
    return rb.Block, lists, tables
