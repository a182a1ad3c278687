"""The linter's transform manager; its docs tell plugin authors to register at import time."""


class Manager:
    def __init__(self) -> None:
        self.transforms: list[object] = []

    def register_transform(self, node_class: type, transform: object) -> None:
        self.transforms.append((node_class, transform))

    def clear_cache(self) -> None:
        self.transforms.clear()


MANAGER = Manager()


class Chain:
    """Registrations declared as a chain, as lml's PluginInfoChain: each call returns it."""

    def __init__(self, module: str) -> None:
        self.module = module

    def add(self, path: str) -> "Chain":
        MANAGER.transforms.append((self.module, path))
        return self
