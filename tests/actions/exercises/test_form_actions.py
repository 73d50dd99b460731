"""Every answer slot has its own validator method and ask action, under the domain's names."""
from pathlib import Path

import yaml

from actions.exercises.base import SLOTS
from actions.exercises.form import ASK_ACTIONS, ValidateReflectionForm

DOMAIN = yaml.safe_load((Path(__file__).parents[3] / "domain.yml").read_text("utf-8"))


def test_one_validator_and_one_ask_action_per_slot():
    assert [action.slot for action in ASK_ACTIONS] == SLOTS
    for slot, action in zip(SLOTS, ASK_ACTIONS, strict=True):
        assert action.__name__ == f"ActionAskAntwoord{slot[-1]}"
        assert action().name() == f"action_ask_{slot}" and action().name() in DOMAIN["actions"]
        assert callable(getattr(ValidateReflectionForm, f"validate_{slot}"))
