"""A plugin that still ships its Python 2 implementation, imported only on Python 2."""

import sys

if sys.version_info < (3, 0):
    from greeter._py2 import new
else:
    from greeter._py3 import new

__all__ = ["new"]
