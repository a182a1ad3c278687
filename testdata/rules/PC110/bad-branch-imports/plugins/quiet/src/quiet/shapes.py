"""The shapes part."""

TEXT = "shapes"
print("quiet: shapes")  # expect: PC110
