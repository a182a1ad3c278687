"""Names the parameter `markdown`: the host's extendMarkdown(md=...) is a TypeError."""

from __future__ import annotations

from mdapi import Extension, Markdown


class LazyExtension(Extension):
    def extendMarkdown(self, markdown: Markdown) -> None:  # expect: PC204
        markdown.register("lazy", lambda lines: lines)
