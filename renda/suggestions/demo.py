"""Demo suggestions of 清河区 (filled in below)."""
