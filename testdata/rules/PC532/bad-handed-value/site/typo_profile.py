"""A misspelt setting: the host refuses the profile when it builds its configuration."""

PROFILE = {"line_lenght": 100}  # expect: PC532
