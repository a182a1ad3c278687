"""`__import__` of a removed submodule."""

compat = __import__("richtext.compat")  # expect: PC530


def make():
    return compat
