"""Bases."""

import dataclasses


class Base:
    pass


@dataclasses.dataclass(frozen=True)
class Settings:
    greeting: str = ""
