"""A one-line progress bar on stderr for the dynamic harness, drawn only on a terminal."""

from __future__ import annotations

import shutil
from typing import TextIO

from plugcheck.untrusted import printable


class ProgressBar:
    """Called with each harness result as it arrives; ``close()`` erases the line."""

    def __init__(self, stream: TextIO, total: int | None, label: str = "harness") -> None:
        self.stream = stream
        self.total = total
        self.label = label
        self.done = 0
        self._drawn = False

    def __call__(self, result: object) -> None:
        self.done += 1
        plugin = getattr(result, "plugin", None)
        self.draw(str(getattr(plugin, "name", "")))

    def line(self, name: str, width: int) -> str:
        if self.total:
            filled = min(20, 20 * self.done // max(self.total, 1))
            head = f"{self.label} [{'#' * filled}{'.' * (20 - filled)}] {self.done}/{self.total}"
        else:
            head = f"{self.label} {self.done} done"
        # A plugin's name is the plugin's (an entry point's, a folder's): escapes and line
        # breaks in it were drawn raw (an OSC 52 clipboard write, with `--progress` in CI a
        # `::add-mask::` line; red team sand19).
        text = f"{head} {printable(name, width)}".rstrip()
        return text if len(text) < width else text[: max(width - 2, 0)] + "…"

    def draw(self, name: str = "") -> None:
        width = shutil.get_terminal_size((80, 24)).columns
        self.stream.write("\r\x1b[K" + self.line(name, width))
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False
