"""Parts of the ticker."""
