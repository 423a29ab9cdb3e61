"""A real SMTP server for tests (aiosmtpd), which can also refuse mail the way real servers do."""

import asyncio
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class SmtpSink:
    """Collects what it accepts; `refuse_with` (e.g. "451 try later") makes it refuse every recipient."""

    refuse_with: str | None = None
    messages: list[EmailMessage] = field(default_factory=list)
    # While `hold` is set, a message's data is received but not answered, like a slow server; `receiving`
    # tells the test that a client is waiting for that answer.
    hold: threading.Event = field(default_factory=threading.Event)
    receiving: threading.Event = field(default_factory=threading.Event)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.refuse_with:
            return self.refuse_with
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.receiving.set()
        while self.hold.is_set():
            await asyncio.sleep(0.05)
        if server.transport is None or server.transport.is_closing():
            # The client went away before hearing "250": like a real server, the message is not accepted.
            return "421 Connection lost"
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


def start_sink(sink: SmtpSink) -> Controller:
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller
