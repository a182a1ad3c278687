"""Three dots from deep.sub.impl reach above deep."""

from ...helpers import fmt  # expect: PC309

__all__ = ["fmt"]
