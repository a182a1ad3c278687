"""Registers its preprocessor under one name twice: the host's register() refuses."""

from __future__ import annotations

from mdapi import Extension, Markdown


def _strip(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines]


class TwiceExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802  # expect: PC541
        md.register("strip", _strip)
        md.register("strip", _strip)
