import sys

from renda.cli import main

sys.exit(main())
