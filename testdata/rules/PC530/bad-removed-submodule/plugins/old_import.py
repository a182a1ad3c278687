"""`import host.oldsub`: the submodule was removed."""

import richtext  # the package itself is still there
import richtext.compat  # expect: PC530


def make():
    return richtext.compat
