"""Falls back where the host's old submodule is gone, as a plugin for both versions does."""

import sys
from typing import TYPE_CHECKING

try:
    from richtext import compat
except ImportError:
    compat = None

try:
    import richtext.util.html as html
except ModuleNotFoundError:
    import richtext.html as html

if TYPE_CHECKING:
    from richtext.blocks.tables import Table

if sys.version_info < (3, 0):
    import richtext.compat  # noqa: F811 - never runs on Python 3


def make() -> "Table | None":
    return compat or html
