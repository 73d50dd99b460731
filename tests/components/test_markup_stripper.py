"""HTML markup is removed before the classifier reads a message."""
import time

import pytest
from rasa.shared.nlu.training_data.message import Message

from components.markup_stripper import MarkupStripper, strip_markup


def test_tags_and_scripts_are_removed():
    assert strip_markup("Ik voel me <b>leeg</b> <script>alert('x')</script>") == "Ik voel me leeg"


def test_entities_are_decoded_and_plain_text_is_untouched():
    assert strip_markup("ik &amp; mijn zus") == "ik & mijn zus"
    assert strip_markup("3 < 5 en ik voel me alleen") == "3 < 5 en ik voel me alleen"


def test_process_keeps_something_to_read():
    msg = Message(data={"text": "<img src=x onerror=alert(1)>"})
    MarkupStripper().process([msg])
    assert msg.get("text") == "<img src=x onerror=alert(1)>"


ATTACKS = {"open_tags": "<a" * 500_000, "scripts": "<script" * 150_000, "styles": "<style x" * 120_000,
           "unclosed_script": "<script>" + "</script " * 100_000, "closing_tags": "</a" * 300_000}


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_pathological_markup_is_handled_in_linear_time(attack):
    """One message must not block every conversation: about 0.1 s here, minutes when quadratic
    (the only timed unit test)."""
    started = time.perf_counter()
    strip_markup(attack)
    assert time.perf_counter() - started < 1.0
