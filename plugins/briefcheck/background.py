"""Work done in a forked child process while the parent goes on, so a build checks the site
on a second core while MkDocs renders pages on the first.

A child is forked only where that is safe and cheap: on Linux, from a process with no other
thread (``mkdocs serve`` runs a web server thread, so it works in-process as before). Anything
the child logs through ``logging`` is sent back with its result and logged by the parent when
it asks for the result, so MkDocs' ``--strict`` counts it. If the child cannot be started or
dies without an answer, the parent does the work itself: a background run can cost time,
never a result.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")
log = logging.getLogger("mkdocs.plugins.briefcheck")
DISABLE = "BRIEFCHECK_NO_FORK"  # set to 1: always work in-process


def can_fork() -> bool:
    return (
        sys.platform == "linux"
        and hasattr(os, "fork")
        and threading.active_count() == 1
        and os.environ.get(DISABLE, "") in ("", "0")
    )


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None  # arguments may not pickle
        record.exc_info = record.exc_text = None
        self.records.append(record)


def _child(work: Callable[[], object], send: Connection, logger: str) -> None:
    catcher = _Collect()
    root = logging.getLogger(logger)
    root.handlers, root.propagate = [catcher], False
    root.setLevel(logging.DEBUG)
    try:
        answer: tuple[str, object] = ("ok", work())
    except BaseException as exc:  # handed to the parent, which raises it
        answer = ("raised", exc)
    try:
        send.send((*answer, catcher.records))
    except Exception:  # the answer does not pickle: say what happened instead
        detail = RuntimeError("".join(traceback.format_exception_only(*sys.exc_info()[:2])))
        send.send(("raised", detail, catcher.records))
    finally:
        send.close()


class Background(Generic[T]):
    """``work()``, started now (in a child when ``can_fork()``) and collected by ``result()``.

    ``work`` sees the parent's memory as it was when the child was forked; what it returns
    must pickle. The parent must not rely on anything ``work`` changes in memory except
    through its return value."""

    def __init__(self, work: Callable[[], T], logger: str = "mkdocs.plugins.briefcheck") -> None:
        self._work = work
        self._logger = logger
        self._process: multiprocessing.process.BaseProcess | None = None
        self._receive: Connection | None = None
        self._done: tuple[T] | None = None
        if can_fork():
            self._start()

    def _start(self) -> None:
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(self._work, send, self._logger), daemon=True)
        try:
            process.start()
        except OSError as exc:  # out of processes or memory: do it here instead
            log.debug(f"briefcheck: working in-process ({exc})")
            receive.close()
            return
        finally:
            send.close()
        self._process, self._receive = process, receive

    @property
    def forked(self) -> bool:
        return self._process is not None

    def result(self) -> T:
        if self._done is None:
            self._done = (self._collect(),)
        return self._done[0]

    def _collect(self) -> T:
        if self._process is None or self._receive is None:
            return self._work()
        try:
            status, value, records = self._receive.recv()
        except (EOFError, OSError):
            log.debug("briefcheck: the background check ended without an answer; checking here")
            return self._work()
        finally:
            self._receive.close()
            self._process.join()
            self._process, self._receive = None, None
        for record in records:
            logger = logging.getLogger(record.name)
            if logger.isEnabledFor(record.levelno):
                logger.handle(record)
        if status == "raised":
            assert isinstance(value, BaseException)
            raise value
        return value  # type: ignore[no-any-return]  # what work() returned, through a pipe

    def cancel(self) -> None:
        """Stop the child (the build failed before it needed the answer)."""
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._process = None
        if self._receive is not None:
            self._receive.close()
            self._receive = None
