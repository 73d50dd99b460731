"""Keeps people's words out of the logs of both servers.

Rasa and rasa-sdk log whole trackers or request bodies on some errors (an action server
answer that echoes its request, a failed action with its traceback). ``install()`` wraps
the logging record factory once per process: a record whose message or traceback looks
like a conversation payload keeps its level, logger and first line, and loses the rest.
"""

from __future__ import annotations

import logging
import re
import traceback

# JSON keys (double or single quoted) that only appear in dumps of trackers, events and bodies.
PAYLOAD = re.compile(
    r"""["'](text|events|tracker|slots|latest_message|parse_data|request_body|message|metadata)["']\s*:"""
)
LEFT_OUT = " [details left out of the log: they may hold a person's words]"


def _redact(record: logging.LogRecord) -> logging.LogRecord:
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a broken format string is not ours to fix here
        return record
    details, error = "", None
    if record.exc_info and record.exc_info[1] is not None:
        error = record.exc_info[1]
        details = "".join(traceback.format_exception(*record.exc_info))
    if not (PAYLOAD.search(message) or PAYLOAD.search(details)):
        return record
    first = PAYLOAD.split(message, maxsplit=1)[0].splitlines()[0] if message else ""
    record.msg = first[:200] + LEFT_OUT
    record.args = ()
    if error is not None:
        record.msg += f" ({type(error).__name__})"
        record.exc_info = None
        record.exc_text = None
    return record


def install() -> None:
    """Redact every log record this process creates from now on (idempotent)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "redacting", False):
        return

    def factory(*args, **kwargs) -> logging.LogRecord:
        return _redact(previous(*args, **kwargs))

    factory.redacting = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


def stop_error_reports() -> None:
    """Rasa 3.6 sends exception reports to Sentry whatever its telemetry setting; an exception's
    message can hold what a person wrote. Replace its client by one without a destination."""
    try:
        import sentry_sdk
    except ImportError:  # the action server image may not have it
        return
    sentry_sdk.init(dsn=None)
