"""Registers its compiler extensions only when the optional library is there."""

try:
    import alembicx_not_installed
except ImportError:
    pass
else:
    from alembicx_not_installed.ddl import base  # noqa: F401


def plugin(version: str) -> str:
    return version
