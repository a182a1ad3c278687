"""Marks a function of its own that calls print, and a lambda: both take the marker's attribute."""

from demo_host import hookimpl as mark


def _show(page):
    print(page)


demo_render = mark(tryfirst=True)(_show)
demo_startup = mark(lambda config: None)
