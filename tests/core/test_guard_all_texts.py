"""Every text the assistant can say passes the advice guard: domain responses, every template in
core/texts.py, and the noticing engine's output over the sharing corpus (also advice replies)."""
from pathlib import Path

import pytest
import yaml

from actions.noticing import advice_reply, analyse, respond
from core import texts
from core.advice_guard import find_violations

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "domain.yml"
CORPUS = ROOT / "tests" / "corpora" / "sharing.yml"


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple, set)):
        for item in value:
            yield from _strings(item)


def _report(named_texts):
    bad = [f"{name}: {text!r} -> {[v.rule for v in found]}"
           for name, text in named_texts for found in [find_violations(text)] if found]
    assert not bad, "Advice/reassurance/worry in:\n" + "\n".join(bad)


def domain_texts():
    domain = yaml.safe_load(DOMAIN.read_text("utf-8")) or {}
    for name, variants in (domain.get("responses") or {}).items():
        for variant in variants or []:
            yield name, variant.get("text") or ""
            for button in variant.get("buttons") or []:
                yield f"{name} (button)", button.get("title") or ""
            if variant.get("custom"):
                for text in _strings(variant["custom"]):
                    yield f"{name} (custom)", text


def template_texts():
    for name, value in vars(texts).items():
        if not name.startswith("_"):
            for text in _strings(value):
                yield name, text


def engine_texts():
    messages = yaml.safe_load(CORPUS.read_text("utf-8"))["messages"]
    for message in messages:
        previous = []
        for _ in range(3):
            previous.append(respond(message["text"], message.get("earlier", []), previous).text)
        anchor = analyse(message["text"]).best
        for turn in range(4):
            previous.append(advice_reply(anchor, turn, previous))
        for text in previous:
            yield message["text"][:40], text


def test_domain_responses_pass_the_guard():
    if not DOMAIN.exists():
        pytest.skip("domain.yml not written yet")
    collected = list(domain_texts())
    assert collected, "no responses found in domain.yml"
    _report(collected)


def test_action_templates_pass_the_guard():
    collected = list(template_texts())
    assert any(name.startswith("NOTICE_") for name, _ in collected)
    _report(collected)


def test_engine_output_passes_the_guard():
    _report(list(engine_texts()))
