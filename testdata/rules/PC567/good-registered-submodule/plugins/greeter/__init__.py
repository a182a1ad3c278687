"""The package module the host registers: its hookimpls live in hooks, which the host
registers too."""

GREETING = "hello"
