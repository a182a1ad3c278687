"""Returns the class's name, as another host wants it."""


def plugin(version):  # expect: PC562
    return "named.Plugin"
