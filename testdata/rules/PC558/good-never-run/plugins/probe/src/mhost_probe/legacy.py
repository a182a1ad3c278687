"""Quoting on Python 2."""

from urllib import quote

__all__ = ["quote"]
