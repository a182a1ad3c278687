"""The fast part."""

TEXT = "fast"
print("quiet: fast")  # expect: PC110
