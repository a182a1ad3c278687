"""What Babel calls an extractor with: ``extract(fileobj, keywords, comment_tags, options)``.

The argument types are left open: Babel passes a binary file, a mapping of keyword specs, a
collection of comment tags and a mapping of options, and extractors annotate them in many
compatible ways (``BinaryIO``, ``Sequence[str]``); what breaks in the host is the call's shape.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Extractor = Callable[[Any, Any, Any, Any], Iterable[Any]]
