"""Models of the legislation module."""
