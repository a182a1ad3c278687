"""APA styles for the bibliography host."""
