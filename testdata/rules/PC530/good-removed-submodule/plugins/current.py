"""Uses only what version 3 has: a submodule, a re-exported submodule, a nested module."""

import richtext.html
from richtext import Block, markup
from richtext.blocks import lists
from richtext.blocks.lists import ListBlock


def make():
    return richtext.html.escape, markup.escape, Block, lists, ListBlock
