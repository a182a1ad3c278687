"""What the host passes each plugin: the same options, always."""


def options():
    return {"level": "1"}
