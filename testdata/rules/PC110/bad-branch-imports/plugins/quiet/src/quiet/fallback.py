"""The fallback part."""

TEXT = "fallback"
print("quiet: fallback")  # expect: PC110
