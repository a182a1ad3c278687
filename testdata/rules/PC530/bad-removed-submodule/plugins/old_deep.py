"""`from host.oldsub.x import Y`: the package richtext.util was removed."""

from richtext.html import escape
from richtext.util.html import escape as old_escape  # expect: PC530


def make():
    return escape, old_escape
