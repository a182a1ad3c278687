"""The command line, for python -m quiet."""

print("quiet command line")
