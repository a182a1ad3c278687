"""The CSV backend."""


class Exporter:
    def __init__(self, config):
        self.config = config
