"""Models of the filings module."""
