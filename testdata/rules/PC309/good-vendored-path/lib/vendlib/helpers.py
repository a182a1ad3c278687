from otherlib import VALUE

__all__ = ["VALUE"]
