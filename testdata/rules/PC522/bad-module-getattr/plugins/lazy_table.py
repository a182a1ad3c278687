"""Prefix mode: a lazy table behind __getattr__, a KeyError turned into AttributeError."""


def _render(page, context):  # expect: PC522
    return page


_LAZY = {"demo_render": _render}


def __getattr__(name):
    try:
        return _LAZY[name]
    except KeyError:
        raise AttributeError(name) from None


def __dir__():
    return [*globals(), *_LAZY]
