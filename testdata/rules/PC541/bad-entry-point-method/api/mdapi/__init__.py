"""The host's extension API: it calls ext.extendMarkdown(md) once per document renderer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Markdown:
    def __init__(self) -> None:
        self.preprocessors: dict[str, Callable[[list[str]], list[str]]] = {}

    def register(self, name: str, step: Callable[[list[str]], list[str]]) -> None:
        if name in self.preprocessors:
            raise ValueError(f"{name!r} is registered twice")
        self.preprocessors[name] = step


class Extension:
    def __init__(self, **kwargs: Any) -> None:
        self.config = dict(kwargs)

    def getConfigs(self) -> dict[str, Any]:  # noqa: N802 - the host's spelling
        return dict(self.config)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        raise NotImplementedError


Maker = Callable[[], Extension]
"""What an entry point names: a callable the host calls with no arguments for the extension."""
