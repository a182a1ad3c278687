try:
    import fastunwrap_not_installed
except ImportError:
    fastunwrap_not_installed = None


def unwrap(value: object) -> object:
    return value if fastunwrap_not_installed is None else fastunwrap_not_installed.unwrap(value)
