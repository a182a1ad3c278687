"""python -m mhost_probe: the command line."""

from typing import override

print(override)
