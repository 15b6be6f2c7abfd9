"""Models of the channel module."""
