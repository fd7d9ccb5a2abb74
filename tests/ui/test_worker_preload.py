"""The forkserver's preload (nnplay/ui/worker.py): a training process forked from it
imports nothing to build, train and draw its run (each import there is paid by every new
window and every comparison's run B)."""

import subprocess
import sys

from nnplay.ui.worker import TRAINING_PRELOAD

PROBE = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
before = set(sys.modules)
from nnplay.training import TrainConfig, Trainer
trainer = Trainer(TrainConfig())
trainer.run(2)
trainer.snapshot(grid_resolution=20)
print(" ".join(sorted(set(sys.modules) - before)))
"""


def imported_after(preload) -> list[str]:
    r = subprocess.run([sys.executable, "-c", PROBE, *preload], capture_output=True, text=True, timeout=120,
                       check=True)
    return r.stdout.split()


def test_a_run_built_after_the_preload_imports_nothing_new():
    assert imported_after(TRAINING_PRELOAD) == []


def test_the_check_sees_what_the_loop_alone_leaves_to_each_process():
    assert "numpy.random" in imported_after(["nnplay.training.loop"])
