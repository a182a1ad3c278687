"""`import_module` imported under another name; `richtext.util` is the missing package."""

from importlib import import_module as load

escape = load("richtext.util.html").escape  # expect: PC530


def make():
    return escape
