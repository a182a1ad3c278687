"""The factory raises an exception whose __str__ raises too."""


class Nasty(Exception):
    def __str__(self):
        raise RuntimeError("no message for you")

    def __repr__(self):
        raise RuntimeError("no repr either")


def new():  # expect: PC403
    raise Nasty()
