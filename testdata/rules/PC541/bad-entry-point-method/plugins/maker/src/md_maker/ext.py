"""The entry point names Registry.build; the extension it builds registers its step twice."""

from __future__ import annotations

from mdapi import Extension, Markdown


def _strip(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines]


class TwiceExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802  # expect: PC541
        md.register("strip", _strip)
        md.register("strip", _strip)


class Registry:
    @staticmethod
    def build() -> Extension:
        return TwiceExtension()
