"""How `make bench` accounts for the processor: per part of the stack, and for the whole machine."""

import subprocess
import sys
from types import SimpleNamespace

from benchmarks.stack import cores_busy, cpu_seconds

BURN = "import time\nwhile time.process_time() < 0.3:\n    pass\n"


def test_a_process_that_came_and_went_counts_for_the_whole_machine_only():
    stack = SimpleNamespace(processes={})  # no part of the stack running: nothing to name
    before = cpu_seconds(stack)
    subprocess.run([sys.executable, "-c", BURN], check=True)  # 0.3 s of processor, then gone
    busy = cores_busy(before, cpu_seconds(stack), elapsed=1.0)  # per second of 1: CPU seconds

    assert busy["whole machine"] >= 0.3
    assert busy["load generator"] < 0.3  # this process only waited for it
