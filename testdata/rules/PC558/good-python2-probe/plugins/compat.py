"""Runs on Python 2 and 3: on 3 the probe's NameError ends the try body before its Python 2
imports, and the handler imports the Python 3 names."""

try:
    string_types = (basestring,)  # noqa: F821
    from collections import Sequence
    import urllib2
except NameError:
    string_types = (str,)
    from collections.abc import Sequence
    import urllib.request as urllib2


def plugin(value):
    if isinstance(value, string_types):
        return [value]
    return list(value) if isinstance(value, Sequence) else urllib2.quote(str(value))
