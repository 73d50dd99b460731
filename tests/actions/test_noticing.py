"""The noticing engine: what it notices in the sharing corpus, its Dutch grammar, variety and robustness."""
from pathlib import Path

import pytest
import yaml

from actions import noticing
from actions.noticing import advice_reply, analyse, compose, respond
from core import texts
from core.advice_guard import is_clean, normalise

CORPUS = yaml.safe_load((Path(__file__).parents[1] / "corpora" / "sharing.yml").read_text("utf-8"))["messages"]


def test_corpus_is_large_and_varied():
    assert len(CORPUS) >= 60
    kinds = {k for m in CORPUS for k in (m.get("notice") or {})}
    assert kinds == {"event", "time", "feeling", "contrast", "absolute", "relation", "self_blame", "label"}


@pytest.mark.parametrize("message", CORPUS, ids=[m["text"][:40] for m in CORPUS])
def test_reply_notices_what_matters(message):
    earlier = message.get("earlier", [])
    reply = respond(message["text"], earlier)
    expected = message.get("notice") or {}
    if expected:
        assert reply.notice is not None and reply.notice.kind in expected, reply
        for word in expected.values():
            assert normalise(word) in normalise(reply.text), (word, reply.text)
    else:
        assert reply.notice is None, reply
    found = analyse(message["text"], earlier)
    for kind, word in (message.get("finds") or {}).items():
        assert any(normalise(word) in normalise(n.value) for n in found.notices if n.kind == kind), (kind, word)
    assert reply.text.endswith("?")
    assert len(reply.text) <= noticing.MAX_REPLY
    assert is_clean(reply.text), reply.text


@pytest.mark.parametrize("text, expected", [
    ("Ik voel me eenzaam.", "dat je je eenzaam voelt"),
    ("Ik voelde me zo alleen op het feest.", "dat je je zo alleen voelde"),
    ("Ik voel me in mijn eentje.", "dat je je in je eentje voelt"),
    ("Ik ben verdrietig.", "dat je verdrietig bent"),
    ("Ik heb zoveel verdriet.", "dat je verdriet hebt"),
])
def test_paraphrase_turns_first_person_into_je(text, expected):
    assert expected in respond(text).text


def test_label_invites_the_other_persons_perspective():
    reply = respond("Mijn broer is zo egoïstisch.")
    assert reply.notice.kind == "label"
    assert "je broer" in reply.text and "zelf" in reply.text


def test_person_mentioned_before_is_noticed_as_returning():
    reply = respond("Mijn zus belde weer.", earlier_texts=["Ik had gisteren ruzie met mijn zus."])
    assert reply.notice.kind == "relation" and reply.notice.variant == "again"
    assert "zus" in reply.text


def test_earlier_reflections_count_as_earlier_texts():
    found = analyse("Ik zag mijn buurman vandaag.", earlier_texts=["Mijn buurman groet me nooit."])
    assert found.best.kind == "relation" and found.best.variant == "again"


HELD_OUT = yaml.safe_load((Path(__file__).parents[1] / "corpora" / "sharing_heldout.yml").read_text("utf-8"))


def _as_found(analysis):
    return [(n.kind, n.value, n.quote, n.score, n.position, n.variant, n.slots) for n in analysis.notices]


def test_kept_analyses_equal_a_fresh_run_of_the_pipeline():
    """Earlier texts come back every turn, so the action server keeps their notices: the
    result must be the same as running the pipeline again, one text or all joined."""
    from actions.language import get_nlp

    nlp = get_nlp()
    messages = CORPUS + HELD_OUT["messages"]
    texts_so_far = []
    for message in messages:
        earlier = message.get("earlier", []) + texts_so_far[-6:]
        assert _as_found(analyse(message["text"], earlier)) == _as_found(analyse(message["text"], earlier, nlp=nlp))
        texts_so_far.append(message["text"])


def test_a_kept_analysis_is_never_changed_by_its_reader():
    first = analyse("Mijn zus belde weer.", earlier_texts=["Ik had ruzie met mijn zus."])
    assert first.best.variant == "again"
    first.best.slots["wie"] = "iemand anders"
    first.best.score = -1
    alone = analyse("Mijn zus belde weer.")
    assert alone.best.variant == "" and alone.best.score > 0
    assert alone.best.slots.get("wie") != "iemand anders"


def test_nothing_specific_gets_a_gentle_open_invitation():
    reply = respond("Het regent.")
    assert reply.notice is None
    assert reply.text.split(". ")[0] + "." in texts.NOTICE_OPEN_LEADS or reply.text == texts.NOTICE_SAFE_FALLBACK


def test_never_the_same_reply_twice_in_a_row():
    previous = []
    for _ in range(6):
        reply = respond("Ik voel me eenzaam.", previous=previous)
        assert not previous or reply.text != previous[-1]
        previous.append(reply.text)
    assert len(set(previous)) >= 3


def test_html_is_stripped_and_never_echoed():
    reply = respond("<script>alert('hoi')</script><img src=x onerror=alert(1)> Ik voel me <i>alleen</i>")
    assert "<" not in reply.text and "script" not in reply.text and "alert" not in reply.text
    assert "alleen" in reply.text


def test_emoji_and_curly_quotes_do_not_break_it():
    reply = respond("Niemand 😢 vraagt “hoe gaat het” 🙁")
    assert reply.notice.kind == "absolute" and "😢" not in reply.text


def test_huge_input_is_bounded_and_quotes_stay_short():
    text = ("Vandaag was een gewone dag op het werk en er gebeurde niet veel bijzonders. " * 60
            + "Ik voel me eenzaam. " + "bla " * 3000)
    assert len(text) > 5000
    found = analyse(text)
    assert len(found.text) <= noticing.MAX_CHARS
    reply = respond(text)
    assert len(reply.text) <= noticing.MAX_REPLY and reply.text.endswith("?")


def test_empty_input():
    assert respond("").text.endswith("?")
    assert respond("   ").notice is None


def test_guard_violation_in_composition_falls_back(monkeypatch):
    monkeypatch.setattr(texts, "NOTICE_FEELING_LEADS", ["Je moet niet {zin}."])
    monkeypatch.setattr(texts, "NOTICE_FEELING_WORD_LEADS", ["Kop op, {woord}."])
    monkeypatch.setattr(texts, "NOTICE_OPEN_LEADS", ["Het komt wel goed."])
    reply = compose(analyse("Ik voel me eenzaam."))
    assert is_clean(reply.text)
    assert reply.text == texts.NOTICE_SAFE_FALLBACK


def test_quoted_advice_from_the_user_is_not_sent_back():
    reply = respond("Mijn moeder zegt altijd: je moet niet zo zeuren.")
    assert is_clean(reply.text) and reply.text.endswith("?")


def test_advice_reply_three_times_three_different_answers_without_advice():
    anchor = analyse("Ik voel me eenzaam op het werk.").best
    previous = []
    for turn in range(3):
        previous.append(advice_reply(anchor, turn, previous))
    assert len(set(previous)) == 3
    for text in previous:
        assert is_clean(text) and text.endswith("?") and len(text) <= noticing.MAX_REPLY
    assert any("eenzaam" in text for text in previous)


def test_advice_reply_without_anything_shared():
    text = advice_reply(None)
    assert text.endswith("?") and is_clean(text)


@pytest.mark.parametrize("text, wanted", [
    ("ik voel me zo eenzaam sinds mijn vrouw is overleden", ["sinds je vrouw is overleden", "eenzaam"]),
    ("de avonden zijn het ergst, dan is het zo stil in huis", ["de avonden zijn het ergst"]),
    ("niemand vroeg hoe het met me ging", ["niemand vroeg hoe het met je ging"]),
    ("zaterdag gaat nog wel, zondag is het ergst", ["zondag is het ergst"]),
    ("'k ben verhuisd naar Limburg voor mijn werk", ["je bent verhuisd naar limburg voor je werk"]),
    ("Mijn vrouw en ik slapen al een jaar apart.", ["je vrouw en jij slapen al een jaar apart"]),
])
def test_what_happened_is_named_first_in_their_words(text, wanted):
    reply = respond(text).text
    for words in wanted:
        assert words in reply.lower(), reply


def test_the_other_persons_side_does_not_come_first_after_hurt():
    reply = respond("mijn dochter komt eigenlijk nooit langs")
    assert reply.notice.kind != "label" and "zelf" not in reply.text and "nooit langs" in reply.text


def test_third_person_possessives_stay_and_no_doubled_punctuation():
    reply = respond("haar moeder belt nooit")
    assert "haar moeder" in reply.text and "je moeder" not in reply.text
    for text in ("ik vroeg: waarom ik?", "Ze zei: “en jij?”", "Mijn zus vroeg “gaat het?”"):
        out = respond(text).text
        assert "?”." not in out and ".." not in out and ",." not in out, out


@pytest.mark.parametrize("text, plural", [
    ("Mijn zus is altijd zo negatief.", False),
    ("mijn ouders snappen het nooit", True),
    ("mijn collega's doen altijd zo lullig", True),
    ("hij zeurt altijd", False),
])
def test_a_label_takes_singular_or_plural_from_the_morphology(text, plural):
    labels = [n for n in analyse(text).notices if n.kind == "label"]
    assert labels and labels[0].slots["zou"] == ("zouden" if plural else "zou")


@pytest.mark.parametrize("text", [
    "ik vind het erg dat mijn zus altijd zo negatief is",
    "omdat hij altijd zeurt ga ik niet meer",
    "als ze steeds klagen word ik moe",
])
def test_a_subordinate_clause_found_by_the_parse_gives_no_label(text):
    assert "label" not in {n.kind for n in analyse(text).notices}


@pytest.mark.parametrize("text, name", [
    ("ik denk nog vaak aan ilse", "ilse"),  # a name typed without its capital, after a preposition
    ("ik heb gisteren met yusuf gewandeld", "yusuf"),
    ("Ik denk nog vaak aan Ilse", "Ilse"),
])
def test_a_name_is_noticed_also_without_its_capital(text, name):
    reply = respond(text)
    assert reply.notice is not None and reply.notice.variant == "naam" and name in reply.text, reply


@pytest.mark.parametrize("text", ["mijn vriendn bellen nooit", "ik voel me zo rottg vandaag",
                                  "ik zit de hele dag op whatsapp te wachten", "Mijn mama belde vanmiddag op."])
def test_a_typo_or_a_time_word_is_not_taken_for_a_name(text):
    assert all(n.variant != "naam" for n in analyse(text).notices), analyse(text).notices
