"""The cached action-result validator accepts and rejects exactly what Rasa's own check does."""
import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

import components  # noqa: F401  (installs the speed-up)
from components.speedups import _validate_action_result

GOOD = {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{"text": "hoi"}]}
BAD = {"events": [{"name": "x"}], "responses": []}


def test_installed():
    assert RemoteAction._validate_action_result is _validate_action_result


@pytest.mark.parametrize("result", [GOOD, {"events": [], "responses": []}])
def test_accepts_what_rasa_accepts(result):
    validate(result, RemoteAction.action_response_format_spec())
    assert _validate_action_result(None, result) is True


def test_rejects_what_rasa_rejects():
    with pytest.raises(ValidationError):
        validate(BAD, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        _validate_action_result(None, BAD)
