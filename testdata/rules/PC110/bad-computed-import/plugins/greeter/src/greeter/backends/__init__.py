"""Backends, chosen by tag."""
