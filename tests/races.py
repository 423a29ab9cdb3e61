"""Real races: threads released together by a barrier, each on its own database connection."""

import threading

from django.db import connection

# PostgreSQL allows 100 connections by default, shared with everything else using the server: at most this many
# threads hold one at a time. All threads are still released together and contend for the connections and locks.
CONNECTION_SLOTS = 40
TIMEOUT = 120


def race(work, count: int) -> list[Exception]:
    """Run `work(i)` for i in range(count) in threads released together; return what they raised."""
    barrier = threading.Barrier(count)
    slots = threading.BoundedSemaphore(CONNECTION_SLOTS)
    errors: list[Exception] = []

    def run(i):
        try:
            barrier.wait(timeout=TIMEOUT)
            with slots:
                try:
                    work(i)
                finally:
                    connection.close()
        except Exception as exc:  # collected: the test decides which failures the race may cause
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    return errors
