"""Two dots from deep.sub.impl reach deep."""

from ..helpers import fmt

__all__ = ["fmt"]
