import sys

from paperasse.cli import main

sys.exit(main())
