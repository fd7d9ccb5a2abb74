"""python -m nnplay.cli"""

import sys

from . import main

sys.exit(main())
