"""Takes `md` only as a second, optional parameter: extendMarkdown(md=...) leaves `markdown`
without a value, a TypeError."""

from __future__ import annotations

from mdapi import Extension, Markdown


class TwiceExtension(Extension):
    def extendMarkdown(self, markdown: Markdown, md: Markdown | None = None) -> None:  # expect: PC204
        markdown.register("twice", lambda lines: lines)
