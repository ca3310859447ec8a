"""``background.Background``: work done in a forked child comes back with its result, its log
records and its exceptions; where a child cannot help, the work is done in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from briefcheck import background
from briefcheck.background import Background

needs_fork = pytest.mark.skipif(sys.platform != "linux", reason="forks only on Linux")
SCENARIOS = Path(__file__).with_name("background_scenarios.py")


def _scenario(name: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, str(SCENARIOS), name], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


@needs_fork
def test_the_work_runs_in_a_child_and_its_log_comes_back() -> None:
    # The child's pid comes back; its warning is logged by the parent, its debug line is not.
    assert _scenario("result-and-log") == {
        "forked": True,
        "log": ["WARNING checked in the child"],
        "again": True,
    }


@needs_fork
def test_an_exception_in_the_child_is_raised_in_the_parent() -> None:
    assert _scenario("raises") == {"raised": "facts.yml: not a mapping"}


@needs_fork
def test_a_child_that_dies_without_an_answer_costs_only_time() -> None:
    assert _scenario("dies") == {"forked": True, "result": 42}  # done again in the parent


@needs_fork
def test_a_cancelled_child_is_gone() -> None:
    assert _scenario("cancel") == {"forked": True, "alive": False}


def test_with_another_thread_running_the_work_stays_in_process() -> None:
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # what `mkdocs serve` has: a server thread
    server.start()
    try:
        job = Background(os.getpid)
        assert not job.forked
        assert job.result() == os.getpid()
    finally:
        stop.set()
        server.join()


def test_turned_off_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(background.DISABLE, "1")
    job = Background(os.getpid)
    assert not job.forked
    assert job.result() == os.getpid()
