"""Option types plugins declare their settings with."""


class Type:
    def __init__(self, kind: type) -> None:
        self.kind = kind
