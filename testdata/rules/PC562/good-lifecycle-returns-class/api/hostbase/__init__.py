"""A host that builds its plugins' Plugin class and walks the list questions() returns twice."""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping
from typing import Any


class Base(abc.ABC):
    @abc.abstractmethod
    def questions(self) -> Iterable[Mapping[str, Any]]:
        """The prompts, walked once to fill defaults and once to ask them."""
