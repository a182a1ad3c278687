"""APA 7th edition styles for the bibliography host."""
