"""The removed module only in a branch no Python 3 takes; the live one imports what exists."""

import sys

if sys.version_info < (3, 0):
    import richtext.compat as markup
else:
    from richtext import markup


def make():
    return markup
