"""A text host, version 3 (compat, util and blocks.tables are gone)."""

from richtext import html as markup
from richtext.blocks import Block

__all__ = ["Block", "markup"]
__version_info__ = (3, 0)  # version 2 called it version_info
