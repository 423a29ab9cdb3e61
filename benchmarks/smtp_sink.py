"""An SMTP server that accepts every message and logs one line per message: when, and to whom.

Run as `python -m benchmarks.smtp_sink PORT LOGFILE`; the benchmark counts the lines.
"""

import sys
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller


class CountingHandler:
    def __init__(self, log: Path):
        self.log = log.open("a", buffering=1, encoding="utf-8")
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.log.write(f"{time.time():.3f} {recipient}\n")
        return "250 Message accepted for delivery"


def main() -> None:
    port, log = int(sys.argv[1]), Path(sys.argv[2])
    controller = Controller(CountingHandler(log), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        threading.Event().wait()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
