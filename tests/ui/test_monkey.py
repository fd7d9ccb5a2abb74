"""300 random inputs of the monkey test (tests/tools/monkey.py) on the real window, offscreen."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

MONKEY = Path(__file__).parents[1] / "tools" / "monkey.py"


@pytest.mark.slow  # hundreds of inputs by design
@pytest.mark.timeout(180)
def test_three_hundred_random_inputs_raise_nothing():
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    # 300 events, however long a busy machine takes (within 120 s)
    r = subprocess.run([sys.executable, str(MONKEY), "--events", "300", "--seconds", "120", "--seed", "1"],
                       capture_output=True,
                       text=True, timeout=150, env=env)
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("{")]
    assert lines, r.stderr[-2000:]
    report = json.loads(lines[-1])
    assert report["exceptions"] == [], report["exceptions"][0]
    assert report["qt_warnings"] == []
    assert report["training_failures"] == []
    assert report["worker_stopped"] and report["events"] >= 300
    assert r.returncode == 0
