"""A linter that builds each checker class with the tree, calls its on_<event>() handlers and
iterates its run()."""

from __future__ import annotations

from typing import Any


def check(cls: type[Any], tree: object, events: list[str]) -> list[object]:
    checker = cls(tree)
    for event in events:
        handler = getattr(checker, "on_" + event, None)
        if handler is not None:
            handler()
    return list(checker.run())
