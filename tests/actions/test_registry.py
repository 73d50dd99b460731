"""Every custom action the domain names is registered by the action server, and vice versa."""
from pathlib import Path

import yaml
from rasa_sdk.executor import ActionExecutor

DOMAIN = yaml.safe_load((Path(__file__).parents[2] / "domain.yml").read_text("utf-8"))


def test_domain_actions_and_action_server_agree():
    executor = ActionExecutor()
    executor.register_package("actions")  # raises if an action class is broken
    registered = set(executor.actions)
    wanted = {a for a in DOMAIN["actions"] if not a.startswith("utter_")}
    assert wanted <= registered, wanted - registered
    assert registered <= wanted, registered - wanted
