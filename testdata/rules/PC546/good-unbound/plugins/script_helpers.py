"""A hook that calls a helper defined for every import, and a script-only block that uses it."""

from demo_host import hookimpl


def _shout(text):
    return text.upper()


@hookimpl
def demo_handle(request, context):
    return _shout(str(request))


if __name__ == "__main__":

    def _demo():
        return _shout("x")

    print(_demo())
