"""python -m ticker: runs the plugin once."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ticker import new


print(new().run())
