"""The modern part."""

TEXT = "modern"
print("quiet: modern")  # expect: PC110
