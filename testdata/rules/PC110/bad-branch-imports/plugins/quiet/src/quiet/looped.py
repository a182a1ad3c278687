"""The looped part."""

TEXT = "looped"
print("quiet: looped")  # expect: PC110
