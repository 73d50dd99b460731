"""Start, pause, resume (from the store, as in a new session) and finish of a reflection."""
from rasa_sdk.executor import CollectingDispatcher

from actions.exercises.flow import (
    ActionFinishReflection,
    ActionPauseReflection,
    ActionResumeReflection,
    ActionStartReflection,
)
from actions.exercises.form import FORM
from actions.exercises.progress import log_answer, save
from core.advice_guard import find_violations
from testkit.trackers import CHANNEL, make_tracker, run_action, slot_values


def test_start_without_exercise_shows_the_menu(factory):
    messages, events = run_action(ActionStartReflection(factory), make_tracker(intent="start_exercise"))
    assert events == [] and messages[0]["response"] == "utter_menu"


def test_start_opens_a_store_session_and_the_form(factory, store):
    tracker = make_tracker(intent="start_exercise", slots={"exercise": "kennen"})
    messages, events = run_action(ActionStartReflection(factory), tracker)
    assert {"event": "active_loop", "timestamp": None, "name": "reflection_form"} in events
    run_id = slot_values(events)["reflection_session"]
    assert store.open_session(CHANNEL, "persoon-1").id == run_id
    assert "stop" in messages[0]["text"]


def _half_done(store, factory, exercise="samenhang"):
    tracker = make_tracker(intent="start_exercise", slots={"exercise": exercise})
    run_id = slot_values(run_action(ActionStartReflection(factory), tracker)[1])["reflection_session"]
    log_answer(CollectingDispatcher(), tracker, exercise, "situatie", "Gedoe op het werk.", run_id, factory)
    save(tracker, run_id, {"answers": {"antwoord_1": "Gedoe op het werk."}}, factory)
    return run_id


def test_pause_keeps_progress_and_resume_restores_it(factory, store):
    run_id = _half_done(store, factory)
    tracker = make_tracker(intent="stop_exercise", active_loop=FORM)
    messages, events = run_action(ActionPauseReflection(), tracker)
    assert {"event": "active_loop", "timestamp": None, "name": None} in events
    assert "verder" in messages[0]["text"]
    # a new session: nothing in the tracker, everything from the store
    messages, events = run_action(ActionResumeReflection(factory), make_tracker(intent="continue_exercise"))
    slots = slot_values(events)
    assert slots["exercise"] == "samenhang" and slots["reflection_session"] == run_id
    assert slots["antwoord_1"] == "Gedoe op het werk." and slots["antwoord_2"] is None
    assert "1 van de 4" in messages[0]["text"]


def test_starting_a_paused_exercise_resumes_it(factory, store):
    run_id = _half_done(store, factory)
    tracker = make_tracker(intent="start_exercise", slots={"exercise": "samenhang"})
    assert slot_values(run_action(ActionStartReflection(factory), tracker)[1])["reflection_session"] == run_id


def test_resume_with_nothing_open(factory):
    messages, events = run_action(ActionResumeReflection(factory), make_tracker(intent="continue_exercise"))
    assert events == [] and messages[-1]["response"] == "utter_menu"


def test_finish_reflects_back_and_closes_the_run(factory, store):
    tracker = make_tracker(intent="start_exercise", slots={"exercise": "vier_lijstjes"})
    run_id = slot_values(run_action(ActionStartReflection(factory), tracker)[1])["reflection_session"]
    answers = {"antwoord_1": "Anna, Piet", "antwoord_2": "Anna", "antwoord_3": "Anna en mijn zus",
               "antwoord_4": "niemand"}
    tracker = make_tracker(slots={"exercise": "vier_lijstjes", "reflection_session": run_id, **answers},
                           active_loop=FORM)
    messages, events = run_action(ActionFinishReflection(factory), tracker)
    said = [m["text"] for m in messages]
    assert "Anna, Piet" in said[0]
    assert any("wie om jou geeft" in s and "Anna" in s for s in said)
    assert messages[-1]["buttons"]
    assert not any(find_violations(s) for s in said)
    assert slot_values(events)["exercise"] is None
    assert store.open_session(CHANNEL, "persoon-1") is None
    assert [r.step for r in store.all_reflections(CHANNEL, "persoon-1")] == ["overzicht"]


def test_kennen_closing_shows_the_difference_in_their_words(factory):
    answers = {"antwoord_1": "mijn broer", "antwoord_2": "Hij is altijd te laat en lui.",
               "antwoord_3": "Ik probeer te veel tegelijk te doen.", "antwoord_4": "Ik word milder."}
    tracker = make_tracker(slots={"exercise": "kennen", **answers}, active_loop=FORM)
    messages, _ = run_action(ActionFinishReflection(factory), tracker)
    text = messages[0]["text"]
    assert "Hij is altijd te laat en lui" in text and "Ik probeer te veel tegelijk te doen" in text
    assert "altijd" in text and "je broer" in text and text.endswith("?")


def test_geven_om_closing_never_repeats_advice(factory):
    answers = {"antwoord_1": "Mo", "antwoord_2": "Hij is stil.", "antwoord_3": "Je moet meer slapen."}
    tracker = make_tracker(slots={"exercise": "geven_om", **answers,
                                  "reflection_first_try": "Je moet naar de dokter."},
                           active_loop=FORM)
    messages, _ = run_action(ActionFinishReflection(factory), tracker)
    said = " ".join(m["text"] for m in messages)
    assert "een raad" in said and not find_violations(said)


def test_samenhang_closing_names_the_hardest(factory):
    answers = {"antwoord_1": "Mijn moeder is ziek.", "antwoord_2": "Ja, dat kan ik wel.",
               "antwoord_3": "Nee, ik heb er geen invloed op.", "antwoord_4": "Ja zeker."}
    tracker = make_tracker(slots={"exercise": "samenhang", **answers}, active_loop=FORM)
    messages, _ = run_action(ActionFinishReflection(factory), tracker)
    assert "invloed" in messages[0]["text"]
