"""The log filter keeps trackers and request bodies out of both servers' logs."""

import logging

import pytest

from core.redaction import LEFT_OUT, install


@pytest.fixture
def redacted(caplog):
    previous = logging.getLogRecordFactory()
    install()
    install()  # idempotent
    yield caplog
    logging.setLogRecordFactory(previous)


def test_payloads_are_left_out_and_other_lines_kept(redacted):
    log = logging.getLogger("rasa_sdk.endpoint")
    body = {"tracker": {"events": [{"event": "user", "text": "mijn geheim"}]}}
    log.error("Exception occurred during execution of request %s", body)
    log.error("Failed to run custom action. Error: 500, body='{\"request_body\": \"mijn geheim\"}'")
    log.warning("Turn without an answer (%s)", "turn failed")
    assert "mijn geheim" not in redacted.text
    assert redacted.text.count(LEFT_OUT.strip()) == 2
    assert "Turn without an answer (turn failed)" in redacted.text


def test_a_traceback_that_carries_a_payload_is_dropped(redacted):
    try:
        raise ValueError({"text": "mijn geheim"})
    except ValueError:
        logging.getLogger("rasa.core.processor").exception("Encountered an exception")
    assert "mijn geheim" not in redacted.text and "ValueError" in redacted.text


def test_exception_reports_have_nowhere_to_go():
    import sentry_sdk

    from core.redaction import stop_error_reports

    sentry_sdk.init("https://public@o0.ingest.sentry.io/1")  # as `rasa run` does at start
    assert sentry_sdk.Hub.current.client.dsn
    stop_error_reports()
    assert not sentry_sdk.Hub.current.client.dsn
