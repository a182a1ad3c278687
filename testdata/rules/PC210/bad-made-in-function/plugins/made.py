"""Plugin is the class _make() makes, which leaves the host's abstract process unimplemented."""

from hostbase import Base


def _make():
    class Plugin(Base):  # expect: PC210
        def describe(self):
            return "made"

    return Plugin


Plugin = _make()  # plugcheck: ignore[PC207] (unannotated on purpose: mypy sees Any)
