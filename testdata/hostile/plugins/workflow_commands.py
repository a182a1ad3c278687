"""Raises at import with GitHub workflow commands on lines of their own."""

raise RuntimeError(  # expect: PC401
    "plain start\n::error file=pyproject.toml,line=1::forged annotation\n"
    "::add-mask::ghp_notasecret\n::stop-commands::pwned\n\r::warning::after a carriage return"
)
