"""Helpers."""


def fmt(value):
    return str(value)
