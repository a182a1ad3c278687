"""Registers each entry of a module constant list: 'rst', 'txt'."""
from chost.registry import RENDERERS

KINDS = ["rst", "txt"]
for kind in KINDS:
    RENDERERS[kind] = type(kind, (), {})  # expect: PC429
