"""What plugcheck's sandbox refused a plugin, told apart from the plugin failing: the process
quota (processes alive at once in the plugin's tree), and an exception that carries the
confinement's refusal (``denied.py``), named by the audit hook's last event before it.
plugcheck, outside the sandbox, then checks that the host's user may do what was refused
(``rules/sandbox_refusal.py``): only then is it the sandbox's refusal, not the plugin's
failure."""

from __future__ import annotations

from .audit import STATE
from .constants import PROCESS_QUOTA
from .denied import carried

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    from plugcheck.harness.protocol import RefusalDict


def refusal(exc: BaseException) -> RefusalDict | None:
    """The sandbox's refusal ``exc`` (or an exception it was raised from) carries, if any."""
    found = carried(exc, STATE.last, STATE.refusal, PROCESS_QUOTA)
    return found  # type: ignore[return-value]  # denied.py is stdlib-only: a plain dict
