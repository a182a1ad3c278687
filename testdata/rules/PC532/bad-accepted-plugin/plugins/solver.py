"""Registers a backend written for an older host: its draw() takes no for_failure."""

import demo_host


class SolverBackend:
    def draw(self, kind: str) -> object:
        return 0


def setup() -> None:  # expect: PC532
    demo_host.BACKENDS["solver"] = "solver.SolverBackend"
