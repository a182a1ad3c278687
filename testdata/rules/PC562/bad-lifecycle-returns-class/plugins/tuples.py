"""questions() returns a tuple display, or a dict: neither is the list the host wants."""

from typing import Any

from hostbase import Base


class Plugin(Base):
    def questions(self) -> Any:  # expect: PC562
        if self.__class__.__doc__:
            return ({"type": "input", "name": "subject"},)
        return {"type": "input", "name": "subject"}
