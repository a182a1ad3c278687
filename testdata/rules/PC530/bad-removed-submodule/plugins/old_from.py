"""`from host import oldsub`: the submodule was removed."""

from richtext import Block
from richtext import compat as legacy  # expect: PC530


def make():
    return legacy, Block
