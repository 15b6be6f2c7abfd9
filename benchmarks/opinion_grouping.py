"""Group 1M opinions on a 100-article draft (same as consultation_scale.py, the issue's name).

Last line: `seconds=… peak_mb=… opinions=… groups=… campaigns=… campaign_recall=… campaign_purity=…`
"""

import runpy
from pathlib import Path

if __name__ == "__main__":
    runpy.run_path(str(Path(__file__).with_name("consultation_scale.py")), run_name="__main__")
