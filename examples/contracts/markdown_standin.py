"""The host object an extension's ``extendMarkdown(md)`` receives: a real ``Markdown``.

Runs in the target interpreter (plugcheck calls ``md()`` there, in a sandboxed process), so the
extension registers its processors on exactly the installed Markdown's registries.
"""

from __future__ import annotations

from typing import Any


def md() -> Any:
    import markdown

    return markdown.Markdown()
