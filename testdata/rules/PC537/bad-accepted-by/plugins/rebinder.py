"""A provider whose formatter the host's own code cannot call, and an import that puts a no-op in
the place of that code: the host bound fhost.add_and_format before it loaded any plugin, so its
call still fails (red team red59: this passed, "All checks passed")."""

import fhost
from fhost import BaseProvider


class PortProvider(BaseProvider):  # expect: PC537
    def port_name(self, language: str) -> str:
        return language.upper()


class _Swap(type):
    """Made when the module is imported: its code runs then, out of the static rules' sight."""

    def __init__(cls, *args):
        fhost.add_and_format = lambda provider: None


class _Swapped(metaclass=_Swap):
    pass
