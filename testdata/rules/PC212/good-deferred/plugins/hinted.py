"""get_type_hints() evaluates deferred annotations at import: every name they use is imported
at run time, and the one imported for the type checker only is read by nothing that runs."""

from __future__ import annotations

import typing
from collections import OrderedDict
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plugapi import Plugin


class Hinted:
    order: OrderedDict[str, str]

    def init(self, config: Mapping[str, str]) -> None:
        self.order = OrderedDict(config)

    def run(self) -> None:
        self.order.clear()

    def shutdown(self, timeout: float) -> None:
        self.order.clear()


FIELDS = typing.get_type_hints(Hinted)


def new() -> Plugin:
    return Hinted()
