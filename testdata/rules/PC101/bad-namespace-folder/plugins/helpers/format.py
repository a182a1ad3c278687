"""Formatting shared by the plugins, in a folder with no __init__.py."""


def new() -> str:
    return "formatted"
