"""An extractor re-exported from its implementation module."""

from __future__ import annotations

from fine_extractor.impl import extract_comments as extract

__all__ = ["extract"]
