"""The factory is defined, then the first import of the submodule of the same name sets the
package's attribute `new` to that module: the host finds a module, which is not callable."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def new() -> Plugin:  # expect: PC104
    return Greeter()


from .new import GREETING  # noqa: E402,F401
