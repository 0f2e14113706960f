import sys

from bsdash.cli import main

sys.exit(main())
