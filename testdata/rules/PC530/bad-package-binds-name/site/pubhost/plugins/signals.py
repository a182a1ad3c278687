"""The signals plugins connect to (pubhost.plugins is a namespace package: no __init__.py)."""


class Signal:
    def connect(self, receiver):
        return receiver


initialized = Signal()
finalized = Signal()
