import realvar_missing_sdk  # expect: PC309


def plugin() -> object:
    return realvar_missing_sdk
