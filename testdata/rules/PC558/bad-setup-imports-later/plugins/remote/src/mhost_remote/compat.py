"""Python 2 helpers that nothing imports any more (the real import withdraws what is here)."""

from urllib import urlencode

__all__ = ["urlencode"]
