"""An unannotated plugin and register hook."""

import plugapi


class Echo:  # expect: PC207
    def init(self, config):
        self.text = config.get("greeting", "")

    def run(self):
        return self.text

    def shutdown(self, timeout):
        self.text = ""


def new():
    return Echo()


def register_v2(registry):  # expect: PC207
    registry.add("echo", new)


__all__ = ["new", "register_v2", "plugapi"]
