"""Marks a builtin bound method: AttributeError at import, as for a builtin function."""

import demo_host

demo_startup = demo_host.hookimpl(" ".join)  # expect: PC515
