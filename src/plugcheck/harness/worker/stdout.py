"""The stand-in for a plugin's ``sys.stdout``: where the plugin first wrote, and the host's own
output (logging, warnings) kept apart from it."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from .audit import STATE, host_import, plugin_frame

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    from typing import Any

    Msg = dict[str, Any]

_isinstance = isinstance
_getattr = getattr


def through_recorder(stream: Any, recorder: StdoutRecorder) -> None:
    """Logging handlers the host set up before the fork (``preload``) hold the real stdout:
    route them through the recorder, which tells the host's output from the plugin's."""
    logging = sys.modules.get("logging")
    if logging is None:
        return
    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    for logger in loggers:
        for handler in getattr(logger, "handlers", ()):
            if getattr(handler, "stream", None) is stream:
                handler.stream = recorder


def _host_channel(frame: Any) -> bool:
    """Whether a write comes through ``logging`` or ``warnings`` before any plugin frame: the
    host's own output (its log, the warnings it shows), even when a plugin's call led to it;
    or from a host module running its body (its import-time output, :func:`host_import`)."""
    if host_import(frame):
        return True
    channels: list[str] = []
    for name in ("logging", "warnings"):
        path: Any = getattr(sys.modules.get(name), "__file__", None)
        if _isinstance(path, str):
            channels.append(os.path.join(os.path.dirname(path), "") if name == "logging" else path)
    roots = STATE.roots
    while frame is not None and channels:
        filename = frame.f_code.co_filename
        if filename.startswith(roots):
            return False
        if filename.startswith(tuple(channels)):
            return True
        frame = frame.f_back
    return False


class StdoutRecorder:
    """Stands in for ``sys.stdout``: remembers where the plugin first wrote to it; the host's
    own output (through logging or warnings) goes to ``host`` (stderr) instead."""

    def __init__(
        self, stream: Any, host: Any, report: Callable[[tuple[str, int] | None], None]
    ) -> None:
        self._stream = stream
        self._host = host
        self._report = report
        self.first: tuple[str, int] | None = None
        self.seen = False

    def write(self, text: str) -> int:
        if _host_channel(sys._getframe(1)):
            written = int(self._host.write(text))
            self._host.flush()
            return written
        if not self.seen:
            # Said at once: a step that then floods, hangs or crashes never reports its end.
            self.seen = True
            self.first = plugin_frame(sys._getframe(1))
            self._report(self.first)
        return int(self._stream.write(text))

    def __getattr__(self, name: str) -> Any:
        return _getattr(self._stream, name)
