"""The package module the host registers: it imports none of the package's hookimpls."""

GREETING = "hello"
