"""Models of the suggestions module."""
