"""Prefix mode: __dir__ lists a hook name that nothing provides (getattr raises)."""  # expect: PC522


def __dir__():
    return ["demo_startup"]
