"""Upper-cases every line; its getConfigs takes a flag the host never passes, but the host never
calls getConfigs on it."""

from __future__ import annotations

from typing import Any

from mdapi import Extension, Markdown


class ShoutExtension(Extension):
    def getConfigs(self, raw: bool) -> dict[str, Any]:  # type: ignore[override]  # noqa: N802
        return {"raw": raw}

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        md.register("shout", lambda lines: [line.upper() for line in lines])
