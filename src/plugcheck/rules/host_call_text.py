"""The host's call a ``call`` step made, as a finding's message shows it:
``extendMarkdown(md_standin:md())``, ``process(["a", "b"])``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def host_call(facts: Mapping[str, Any]) -> str:
    """The contract's call the last ``call`` step made, from that step's facts (its method,
    the stand-ins of its arguments and keywords)."""
    passed = [_stand_in(ref) for ref in facts.get("arguments", [])]
    for keyword in facts.get("keywords", []):
        name, _, ref = keyword.partition("=")
        passed.append(f"{name}={_stand_in(ref)}")
    return f"{facts.get('method', 'the host')}({', '.join(passed)})"


def _stand_in(ref: str) -> str:
    """A stand-in as the call's text shows it: ``md_standin:md()`` for one the contract's
    function makes, the value itself for a literal (``["a", "b"]``, sent as ``:<json>``)."""
    return ref[1:] if ref.startswith(":") else f"{ref}()"
