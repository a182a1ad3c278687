"""The GPU backend: refuses to load without a GPU, with an error that is no ImportError."""

raise RuntimeError("no GPU found")  # plugcheck: ignore[PC110]  # expect: PC515
