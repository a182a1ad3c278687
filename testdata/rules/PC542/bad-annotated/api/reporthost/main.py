"""What the host does with its hooks' results (the oracle runs it): it opens the path the first
plugin resolves and adds up the header lines."""

from __future__ import annotations

from typing import Any

from reporthost import testing
from reporthost.formatting import Formatter


def run(manager: Any) -> None:
    path = manager.hook.reporthost_output_path(target=testing.target())
    if path is not None:
        print(path.removesuffix(".txt"))
    header: list[str] = []
    for lines in manager.hook.reporthost_header(config=testing.config()):
        header = header + lines
    for sections in manager.hook.reporthost_sections(config=testing.config()):
        for section in sections:
            print(f"- {section}")
    formatter = manager.hook.reporthost_formatter(config=testing.config()) or Formatter()
    print(formatter.format(header))
