"""Entry point of the frozen app (PyInstaller runs this file as __main__)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the training process is this same executable
    from nnplay.cli import main

    sys.exit(main())
