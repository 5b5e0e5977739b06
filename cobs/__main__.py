import sys

from cobs.cli import main

sys.exit(main())
