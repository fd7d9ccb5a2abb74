"""nnplay: a desktop playground for watching backpropagation train a small network."""

__version__ = "0.1.0"
