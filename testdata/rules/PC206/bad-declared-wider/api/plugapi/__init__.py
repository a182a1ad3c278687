"""A host that asks each plugin for its prompts, a list it walks twice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, Protocol, TypedDict


class Choice(TypedDict):
    type: Literal["list"]
    name: str
    choices: list[str]


class Text(TypedDict):
    type: Literal["input"]
    name: str


class Asker(Protocol):
    def questions(self) -> list[Choice | Text]: ...


Factory = Callable[[], Asker]
