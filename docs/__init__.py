# docs/ is installed as the package ``nnplay.docs`` so that the window's guide
# (Help > Guide, F1) shows these same pages; they are read with importlib.resources.
