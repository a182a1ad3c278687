"""Static analysis: parsing plugin sources into symbol tables, and resolving names."""
