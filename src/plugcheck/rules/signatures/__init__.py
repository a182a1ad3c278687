"""Signatures checked with mypy (PC2xx): exports against their contract types, factories'
products against the lifecycle protocol. One mypy build per run, as the ``mypy`` run pass.

Rooms: ``codes`` (the rules), ``mypy_pass`` (the pass and export findings), ``lifecycle``
(findings about a factory's product), ``added_members`` (what a class may gain at run time).
"""

from __future__ import annotations

from plugcheck.rules.signatures import codes as codes
from plugcheck.rules.signatures import mypy_pass as mypy_pass
from plugcheck.rules.signatures.codes import PC201

__all__ = ["PC201", "codes", "mypy_pass"]
