"""Names only some hosts have, read after tests that tell hosts apart: a probe, a flag, a
version, a function or an attribute holding a probe, and tests the interpreter decides."""

import sys
from typing import TYPE_CHECKING

from demo_api import BasePlugin, utils

NEW_HOST = hasattr(utils, "slugify_v2")


def _legacy_host() -> bool:
    return not NEW_HOST


def probed(text: str) -> object:
    return hasattr(utils, "old_helper") and utils.old_helper(text)


def flagged(text: str) -> str:
    return utils.slugify_v2(text) if NEW_HOST else utils.slugify(text)


def versioned(version: tuple[int, ...], text: str) -> object:
    return version >= (3, 0) and utils.shorten(text)


def kept(text: str) -> object:
    helper = getattr(utils, "old_helper", None)
    return helper is not None and utils.old_helper(text)


def asked(text: str) -> object:
    return _legacy_host() and utils.old_helper(text)


def decided(text: str) -> object:
    return (
        (TYPE_CHECKING and utils.untitled()) or sys.version_info < (3, 0) and utils.old_helper(text)
    )


class Plugin(BasePlugin):
    old_python = sys.version_info < (3, 8)

    def on_start(self) -> None:
        self.compat = hasattr(utils, "is_heading")
        print(self.compat and utils.is_heading("x"), self.old_python or utils.untitled())
        print(probed("x"), flagged("x"), versioned((2,), "x"), kept("x"), asked("x"))
        print(decided("x"), [utils.shorten(t) for t in ["x"] if NEW_HOST])
