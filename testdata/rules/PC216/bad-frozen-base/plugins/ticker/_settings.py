"""Settings."""

import dataclasses


@dataclasses.dataclass(frozen=True)
class Settings:
    greeting: str = ""
