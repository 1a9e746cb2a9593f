"""One writer at a time: every change to data/ holds one inter-process lock, from reading the current
files to the last rename and the rebuilt database.

Adding and withdrawing a report each read sources.csv and facts.csv, stage new copies and rename them
into place. Two writers doing so together would each start from the same files, and the second rename
would silently drop the first writer's report. Holding the lock over the whole sequence makes the
second writer start from what the first one saved, or, if the first takes too long, refuses it before
it has read or written anything. The lock is a file lock (filelock: flock on Linux), so it holds
between processes (the command line and the dashboard) and between the dashboard's sessions, which
are threads of one process.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_FILENAME = ".write.lock"  # a dot file: the staging copies of data/ leave it out
# Long enough for another writer's save and rebuild (a few seconds), short enough that nobody waits
# in front of a frozen page.
WAIT_SECONDS = 30.0


class DataBusy(Exception):
    """Another change to data/ is being saved, and it did not finish within the wait."""

    def __init__(self, waited: float):
        self.waited = waited
        super().__init__(
            f"another change to the data is being saved (waited {waited:g} s); nothing was written — try again"
        )


@contextmanager
def writing(data_dir: Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold data/'s write lock for the block; DataBusy, having written nothing, after `wait` seconds."""
    lock = FileLock(data_dir / LOCK_FILENAME)
    try:
        lock.acquire(timeout=wait)
    except Timeout as error:
        raise DataBusy(wait) from error
    try:
        yield
    finally:
        lock.release()
