"""Models of the projects module."""
