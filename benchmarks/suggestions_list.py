"""Alias of suggestions_lists.py (the name issue 5 uses); see that file."""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).with_name("suggestions_lists.py")), run_name="__main__")
