"""Due and overdue handlers of the filings module, run by `renda tick`."""
