import sys

from trendwatch.cli import main

sys.exit(main())
