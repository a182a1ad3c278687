"""A version test every Python 3 takes: the import under it always runs."""

import sys

if sys.version_info >= (3, 0):
    import richtext.compat as legacy  # expect: PC530
else:
    legacy = None


def make():
    return legacy
