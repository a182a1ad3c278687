"""The showcase host application."""
