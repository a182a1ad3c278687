import fastunwrap_not_installed  # expect: PC309


def unwrap(value: object) -> object:
    return fastunwrap_not_installed.unwrap(value)
