"""Names the installed host lacks, read after tests of the run's own data: such a test does
not tell hosts apart, so what follows it runs whenever the data says so."""

import sys

from demo_api import BasePlugin, utils


def brackets(link: str) -> str:
    # mdformat-toc 0.3 on mdformat 1.0: `not link or (codepoints.ASCII_CTRL | ...)`
    if not link or (utils.CONTROL | utils.WHITESPACE).intersection(link):  # expect: PC530
        return "<" + link + ">"
    return link


def label(text: str | None) -> str:
    return utils.slugify(text) if text else utils.untitled()  # expect: PC530


def headings(items: list[str]) -> list[str]:
    return [item for item in items if item and utils.is_heading(item)]  # expect: PC530


def excerpts(texts: list[str]) -> list[str]:
    return [utils.excerpt(text) for text in texts if text]  # expect: PC530


def shortened(text: str) -> str:
    size = len(text)
    return size > 3 and utils.shorten(text) or text  # expect: PC530


def legacy(text: str) -> object:
    return sys.version_info >= (3, 0) and utils.old_helper(text)  # expect: PC530


class Plugin(BasePlugin):
    def on_start(self) -> None:
        print(brackets("x"), label(None), headings([]), shortened("abcd"), legacy("x"))
        print(excerpts(["x"]))
