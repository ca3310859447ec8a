"""Scenarios for ``test_background.py``, each run in a fresh interpreter: a child is forked
only from a process with no other thread, which a test process that already served pages
is not. Prints one JSON line."""

from __future__ import annotations

import json
import logging
import os
import sys
import threading

from briefcheck.background import Background
from briefcheck.config import ConfigError

LOGGER = "mkdocs.plugins.briefcheck"
PARENT = os.getpid()


def _pid_and_log() -> int:
    logging.getLogger(f"{LOGGER}.test").warning("checked in %s", "the child")
    logging.getLogger(f"{LOGGER}.test").debug("not shown at info level")
    return os.getpid()


def _fails() -> None:
    raise ConfigError("facts.yml: not a mapping")


def _dies() -> int:
    if os.getpid() != PARENT:
        os._exit(3)  # gone before it answers
    return 42


def run(name: str) -> dict[str, object]:
    if name == "result-and-log":
        seen: list[str] = []
        handler = logging.Handler()
        handler.emit = lambda record: seen.append(f"{record.levelname} {record.getMessage()}")
        logging.getLogger(LOGGER).addHandler(handler)
        logging.getLogger(LOGGER).setLevel(logging.INFO)
        job = Background(_pid_and_log)
        started = job.forked
        pid = job.result()
        return {"forked": started and pid != PARENT, "log": seen, "again": job.result() == pid}
    if name == "raises":
        job = Background(_fails)
        try:
            job.result()
        except ConfigError as exc:
            return {"raised": str(exc)}
        return {"raised": None}
    if name == "dies":
        job = Background(_dies)
        started = job.forked
        return {"forked": started, "result": job.result()}
    if name == "cancel":
        job = Background(lambda: threading.Event().wait(30))
        process = job._process
        job.cancel()
        return {"forked": process is not None, "alive": bool(process and process.is_alive())}
    raise SystemExit(f"no scenario {name}")


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1])))
