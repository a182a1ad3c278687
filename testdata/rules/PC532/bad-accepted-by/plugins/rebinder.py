"""Two tags without select_tag, and an import that puts a check of its own in the place of the
host's: the host bound demo_host.accept before it loaded any plugin, so it still refuses it
(red team red59: this passed, "All checks passed", with --untrusted-plugins too)."""

import demo_host


class LineConverter:
    tags = ("line-1.0", "line-2.0")


def get_converters():  # expect: PC532
    return [LineConverter()]


class _Swap(type):
    """Made when the module is imported: its code runs then, out of the static rules' sight."""

    def __init__(cls, *args):
        demo_host.accept = lambda converters: None


class _Swapped(metaclass=_Swap):
    pass
