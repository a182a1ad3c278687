"""The summary's report, imported by summary() (which the plugin calls) and old_report()."""

from lhost.util import render_title  # expect: PC530

TITLE = render_title("words")
