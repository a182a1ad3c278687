"""A host that keeps the class each plugin module names and builds it later: the class must
derive from Handler (the host checks issubclass first and skips any other)."""


class Handler:
    def __init__(self, config: dict[str, str]) -> None:
        self.config = config

    def handle(self, event: str) -> str:
        raise NotImplementedError
