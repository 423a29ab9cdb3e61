"""Every write with a business rule about registrations. Views, admin actions, commands and tests call these."""

from registrations.services.review import (
    TRANSITIONS,
    ReviewRefused,
    add_note,
    allowed_moves,
    assign_registration,
    change_status,
    notify_staff_of_answer,
    record_move,
)
from registrations.services.submission import (
    CountryNotAccepted,
    RegistrationClosed,
    RegistrationLocked,
    Submission,
    call_window_message,
    submit_registration,
    update_registration,
    withdraw_registration,
)

__all__ = [
    "TRANSITIONS",
    "CountryNotAccepted",
    "RegistrationClosed",
    "RegistrationLocked",
    "ReviewRefused",
    "Submission",
    "add_note",
    "allowed_moves",
    "assign_registration",
    "call_window_message",
    "change_status",
    "notify_staff_of_answer",
    "record_move",
    "submit_registration",
    "update_registration",
    "withdraw_registration",
]
