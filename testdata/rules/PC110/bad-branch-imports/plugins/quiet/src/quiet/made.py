"""The made part."""

TEXT = "made"
print("quiet: made")  # expect: PC110
