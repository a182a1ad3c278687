"""The base class of extensions, unannotated as in older hosts."""


class Extension:
    def __init__(self, **kwargs):
        self.config = dict(kwargs)

    def init(self, config):
        self.config.update(config)

    def run(self):
        raise NotImplementedError

    def shutdown(self):
        self.config.clear()
