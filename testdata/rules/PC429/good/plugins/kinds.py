"""Registers each entry of a module constant list under its own prefix."""
from chost.registry import RENDERERS

KINDS = ["rst", "txt"]
for kind in KINDS:
    RENDERERS[f"kinds-{kind}"] = type(kind, (), {})
