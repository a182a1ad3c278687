"""What bandit calls (examples/contracts/bandit.toml): a test with the node's context (and, for
a test taking a configuration, its config), a formatter with the manager, the output file, the
severity and confidence levels and the number of lines to show."""

from collections.abc import Callable
from typing import Any

Test = Callable[..., Any]
Formatter = Callable[[Any, Any, Any, Any, int], None]
