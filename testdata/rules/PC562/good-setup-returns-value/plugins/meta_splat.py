"""Metadata merged from a module constant: its keys are not spelled here."""

BASE = {"version": "1.0"}


def setup(app):
    return {**BASE, "parallel_safe": True}
