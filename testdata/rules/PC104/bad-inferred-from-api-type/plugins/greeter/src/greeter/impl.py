from __future__ import annotations


class Greeter:
    def run(self) -> str:
        return "hello"


new = "greeter.impl:Greeter"  # expect: PC104
