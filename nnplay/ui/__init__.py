"""The Qt playground window. Everything here runs on the GUI thread except
``worker.TrainingThread``, which owns the Trainer and never touches a widget."""
