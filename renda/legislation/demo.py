"""Demo data of the legislation module."""
