"""What the host passes to its hooks."""


def config() -> dict[str, object]:
    return {"title": "nightly", "verbose": False}


def target() -> str:
    return "app"
