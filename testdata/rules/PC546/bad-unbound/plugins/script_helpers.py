"""A hook that calls a helper the module defines only when it runs as a script, and one defined
only on Windows: on import neither is bound, so every call raises NameError."""

import sys

from demo_host import hookimpl

if __name__ == "__main__":

    def _shout(text):
        return text.upper()


if sys.platform == "win32":
    from ntpath import join as _joined


@hookimpl
def demo_handle(request, context):
    return _shout(str(request))  # expect: PC546


@hookimpl
def demo_startup(config):
    return _joined("a", "b")  # expect: PC546
