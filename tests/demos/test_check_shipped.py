"""Demos cannot break silently: every shipped script's expectations, through the trained model.

Each runs as a fresh demo identity and must leave no reflections and no conversation behind.
"""
import pytest

from demos.check import check_script
from demos.runner import InProcess, new_sender
from demos.script import discover, load_script

SCRIPTS = discover()


@pytest.fixture(scope="module")
def backend(assistant):
    return InProcess(assistant)


@pytest.mark.slow
@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.stem)
def test_shipped_demo_holds_and_leaves_nothing_behind(backend, path):
    sender = new_sender()
    failures = check_script(load_script(path), backend, sender=sender)
    assert not failures, "\n\n".join(str(f) for f in failures)
    assert backend.leftovers(sender) == 0
