"""The plugin's implementation, loaded by file name."""


class Greeter:
    def run(self) -> str:
        return "hello"
