"""validate_reflection_form and the ask actions, with a real (temporary) reflection store."""
import pytest

from actions.exercises.base import SKIPPED
from actions.exercises.form import ASK_ACTIONS, ValidateReflectionForm, required
from actions.exercises.progress import start
from actions.exercises.registry import EXERCISES
from core import texts
from testkit.trackers import CHANNEL, make_tracker, run_action, slot_values


def validate(factory, slot, value, intent="share_experience", **slots):
    """Runs the validation action as Rasa does: the candidate is the last SlotSet of the tracker."""
    action = ValidateReflectionForm(factory)
    tracker = make_tracker(text=value, intent=intent, slots={**slots, "requested_slot": slot})
    tracker.events.append({"event": "slot", "name": slot, "value": value})
    tracker.slots[slot] = value
    messages, events = run_action(action, tracker, {"forms": {"reflection_form": {"required_slots": []}}})
    return slot_values(events), messages


@pytest.fixture
def session(factory):
    return start(make_tracker(), "samenhang", factory)


def test_required_slots_follow_the_exercise_plus_the_closing_answer():
    assert required(EXERCISES["samenhang"], {}) == ["antwoord_1", "antwoord_2", "antwoord_3", "antwoord_4",
                                                    "antwoord_5"]
    assert len(required(EXERCISES["reflectievragen"], {})) == 6
    one = {"antwoord_1": "2"}
    two = {"antwoord_1": "2 en 3"}
    assert len(required(EXERCISES["verbondenheid"], one)) == 3
    assert len(required(EXERCISES["verbondenheid"], two)) == 4
    assert all(len(required(e, {"antwoord_1": "2 en 3"})) <= 6 for e in EXERCISES.values())


def test_one_word_answer_gets_one_invitation_then_is_accepted(factory, store, session):
    slots = {"exercise": "samenhang", "reflection_session": session}
    first, _ = validate(factory, "antwoord_1", "werk", **slots)
    assert first["antwoord_1"] is None and first["reflection_hint"] == "kort"
    assert first["requested_slot"] == "antwoord_1"
    second, _ = validate(factory, "antwoord_1", "werk", reflection_nudged="antwoord_1", **slots)
    assert second["antwoord_1"] == "werk" and second["requested_slot"] == "antwoord_2"
    rows = store.all_reflections(CHANNEL, "persoon-1")
    assert [(r.exercise, r.step, r.text, r.session_id) for r in rows] == [("samenhang", "situatie", "werk", session)]
    assert store.open_session(CHANNEL, "persoon-1").progress["answers"]["antwoord_1"] == "werk"


@pytest.mark.parametrize("answer", ["nee", "niemand", "weet ik niet", "😔", "niemand eigenlijk"])
def test_short_painful_answers_are_never_nudged(factory, store, session, answer):
    slots = {"exercise": "samenhang", "reflection_session": session, "antwoord_1": "Ruzie met mijn zus."}
    values, _ = validate(factory, "antwoord_3", answer, antwoord_2="Ja.", **slots)
    assert values["antwoord_3"] == answer and values.get("reflection_hint") is None
    lists = {"exercise": "vier_lijstjes", "reflection_session": session}
    values, _ = validate(factory, "antwoord_3", answer, antwoord_1="Anna", antwoord_2="Anna", **lists)
    assert values["antwoord_3"] == answer


def test_the_closing_answer_is_kept_as_the_last_step(factory, store, session):
    answers = {"antwoord_1": "Werk.", "antwoord_2": "Ja.", "antwoord_3": "Nee.", "antwoord_4": "Ja."}
    values, _ = validate(factory, "antwoord_5", "nee", exercise="samenhang", reflection_session=session, **answers)
    assert values["antwoord_5"] == "nee" and values["requested_slot"] is None
    assert [(r.step, r.text) for r in store.all_reflections(CHANNEL, "persoon-1")] == [("afsluiting", "nee")]


def test_dont_know_is_an_answer(factory, store, session):
    values, _ = validate(factory, "antwoord_2", "weet ik niet", exercise="samenhang",
                         reflection_session=session, antwoord_1="Werk.")
    assert values["antwoord_2"] == "weet ik niet"
    assert [r.text for r in store.all_reflections(CHANNEL, "persoon-1")] == ["weet ik niet"]


def test_empty_answer_invites_once_then_counts_as_skipped(factory, store, session):
    slots = {"exercise": "samenhang", "reflection_session": session, "antwoord_1": "Werk."}
    first, _ = validate(factory, "antwoord_3", "  ", **slots, antwoord_2="ja")
    assert first["antwoord_3"] is None and first["reflection_hint"] == "leeg"
    second, _ = validate(factory, "antwoord_3", "", **slots, antwoord_2="ja", reflection_nudged="antwoord_3")
    assert second["antwoord_3"] == SKIPPED
    assert store.all_reflections(CHANNEL, "persoon-1") == []


def test_skip_where_allowed_and_not_where_needed(factory, session):
    skipped, _ = validate(factory, "antwoord_2", "sla over", intent="skip_question", exercise="samenhang",
                          reflection_session=session, antwoord_1="Werk.")
    assert skipped["antwoord_2"] == SKIPPED and skipped["reflection_hint"] == "overgeslagen"
    refused, _ = validate(factory, "antwoord_1", "sla over", intent="skip_question", exercise="samenhang",
                          reflection_session=session)
    assert refused["antwoord_1"] is None and refused["reflection_hint"] == "niet_overslaan"


def test_a_goodbye_with_a_farewell_word_ends_the_form_without_an_answer(factory, store, session):
    slots = {"exercise": "samenhang", "reflection_session": session, "antwoord_1": "Werk."}
    left, _ = validate(factory, "antwoord_2", "dank je, ik moet weer aan het werk. tot later", intent="goodbye",
                       **slots)
    assert left["antwoord_2"] is None and left["reflection_hint"] == "afscheid" and left["requested_slot"] is None
    assert store.all_reflections(CHANNEL, "persoon-1") == []


@pytest.mark.parametrize("answer", [
    "ik ga er een nachtje over slapen",  # read as goodbye, no farewell word
    "Ik zou zeggen dat ik haar mis en dat ik hoop dat we snel weer samen koffie drinken, en dan tot later.",
])
def test_an_answer_read_as_goodbye_stays_an_answer(factory, store, session, answer):
    """Without a farewell word, or too long to be only a goodbye: kept, and the next question comes."""
    values, _ = validate(factory, "antwoord_2", answer, intent="goodbye", exercise="samenhang",
                         reflection_session=session, antwoord_1="Werk.")
    assert values["antwoord_2"] == answer and values["requested_slot"] == "antwoord_3"
    assert [r.text for r in store.all_reflections(CHANNEL, "persoon-1")] == [answer]


def test_long_answer_is_kept_exactly(factory, store, session):
    long = ("Ik weet niet goed hoe ik dit moet zeggen. " * 60)[:2000]
    values, _ = validate(factory, "antwoord_1", long, exercise="samenhang", reflection_session=session)
    assert values["antwoord_1"] == long
    assert store.all_reflections(CHANNEL, "persoon-1")[0].text == long


def test_too_long_answer_is_refused_kindly(factory, store, session):
    values, messages = validate(factory, "antwoord_1", "x " * 15000, exercise="samenhang",
                                reflection_session=session)
    assert values["antwoord_1"] is None
    assert "20.000" in messages[0]["text"]
    assert store.all_reflections(CHANNEL, "persoon-1") == []


def test_geven_om_advice_gets_a_second_try(factory, store):
    slots = {"exercise": "geven_om", "antwoord_1": "mijn zus", "antwoord_2": "Ze lacht minder."}
    first, _ = validate(factory, "antwoord_3", "Je moet wat vaker naar buiten gaan.", **slots)
    assert first["antwoord_3"] is None and first["reflection_hint"] == "geven_om:advice"
    assert first["reflection_first_try"].startswith("Je moet")
    again, _ = validate(factory, "antwoord_3", "Het valt me op dat je minder lacht. Hoe is het met je?",
                        reflection_nudged="antwoord_3", **slots)
    assert again["antwoord_3"].startswith("Het valt me op")
    assert [r.step for r in store.all_reflections(CHANNEL, "persoon-1")] == ["zin"]


def test_verbondenheid_accepts_their_own_direction(factory):
    own, _ = validate(factory, "antwoord_1", "mijn hond", exercise="verbondenheid")
    assert own["antwoord_1"] == "mijn hond" and own["requested_slot"] == "antwoord_2"
    accepted, _ = validate(factory, "antwoord_1", "2 en 3", exercise="verbondenheid")
    assert accepted["antwoord_1"] == "2 en 3"


def test_identity_comes_from_the_tracker_only(factory, store):
    validate(factory, "antwoord_1", "Werk, en de buren.", exercise="samenhang")
    assert store.all_reflections(CHANNEL, "iemand-anders") == []
    assert len(store.all_reflections(CHANNEL, "persoon-1")) == 1


def ask(index, **slots):
    messages, events = run_action(ASK_ACTIONS[index](), make_tracker(slots=slots))
    return [m["text"] for m in messages], events


def test_ask_uses_the_exercise_question_and_their_words():
    said, events = ask(1, exercise="kennen", antwoord_1="mijn broer")
    assert said[0].endswith(texts.KENNEN_QUESTIONS["jouw_versie"].format(wie="je broer"))
    assert said[0].startswith(tuple(t.format(wie="je broer").split(" je broer")[0] for t in texts.ACK_NAME))
    resumed, _ = ask(1, exercise="kennen", antwoord_1="mijn broer", reflection_hint="hervat")
    assert resumed == [texts.KENNEN_QUESTIONS["jouw_versie"].format(wie="je broer")]
    assert events == [{"event": "slot", "timestamp": None, "name": "reflection_hint", "value": None}]


def test_ask_says_the_hint_instead_of_the_question():
    assert ask(1, exercise="samenhang", antwoord_1="x", reflection_hint="kort")[0] == [texts.HINT_SHORT]
    said = ask(2, exercise="samenhang", antwoord_1="x", antwoord_2=SKIPPED, reflection_hint="overgeslagen")[0]
    assert said[0].startswith(texts.SKIPPED_ACK) and texts.SAMENHANG_QUESTIONS["grip"] in said[0]
    said = ask(2, exercise="geven_om", antwoord_1="Mo", antwoord_2="stil", reflection_hint="geven_om:worry")[0]
    assert said == [texts.HINT_GEVEN_OM["worry"].format(wie="Mo")]
