"""A reader host without type information. For each entry point of `demo.readers` it builds
the class with no arguments, checks isinstance(reader, BaseReader) and calls
reader.extend(host, config=...): a method BaseReader itself does not declare."""


class BaseReader:
    def read(self, text):
        raise NotImplementedError


class Host:
    def __init__(self):
        self.readers = {}


def host():
    return Host()


def config():
    return {"encoding": "utf-8"}
