"""The later part."""

TEXT = "later"
print("quiet: later")  # expect: PC110
