"""Types for the checker only."""

from typing import Protocol

print("typing helpers")


class Shape(Protocol):
    def area(self) -> float: ...
