"""What the host has done before it loads extensions: its shell is running."""

from shellhost import start

start()
