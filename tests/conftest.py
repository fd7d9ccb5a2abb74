import os

# Qt must never need a display in the test run; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
