"""Start, pause, resume (from the store, as in a new session) and finish of a reflection."""
from rasa_sdk.executor import CollectingDispatcher

from actions.exercises.base import SLOTS
from actions.exercises.flow import (
    ActionFinishReflection,
    ActionPauseReflection,
    ActionResumeReflection,
    ActionStartReflection,
)
from actions.exercises.form import ASK_ACTIONS, FORM
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
    messages, events = run_action(ActionPauseReflection(factory), make_tracker(active_loop=FORM, intent="stop_exercise"))
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


def ask_closing(factory, exercise, answers, **slots):
    """The closing question is the form's last slot: its ask action says the reflection."""
    index = len(answers)
    action = ASK_ACTIONS[index](factory)
    tracker = make_tracker(active_loop=FORM, slots={"exercise": exercise, **slots, **answers, "requested_slot": SLOTS[index]})
    messages, events = run_action(action, tracker)
    return [m["text"] for m in messages]


def test_closing_reflects_back_without_buttons_and_keeps_the_overview(factory, store):
    tracker = make_tracker(intent="start_exercise", slots={"exercise": "vier_lijstjes"})
    run_id = slot_values(run_action(ActionStartReflection(factory), tracker)[1])["reflection_session"]
    answers = {"antwoord_1": "Anna, Piet", "antwoord_2": "Anna", "antwoord_3": "Anna en mijn zus",
               "antwoord_4": "niemand"}
    said = ask_closing(factory, "vier_lijstjes", answers, reflection_session=run_id)
    assert "Anna, Piet" in said[0]
    assert any("wie om jou geeft" in s and "Anna" in s for s in said)
    assert said[-1].endswith("?")
    assert not any(find_violations(s) for s in said)
    assert [r.step for r in store.all_reflections(CHANNEL, "persoon-1")] == ["overzicht"]
    # asked again after a resume: the overview is not kept twice
    ask_closing(factory, "vier_lijstjes", answers, reflection_session=run_id)
    assert [r.step for r in store.all_reflections(CHANNEL, "persoon-1")] == ["overzicht"]
    assert store.open_session(CHANNEL, "persoon-1") is not None  # still open: the answer comes first


def test_finish_acknowledges_the_closing_answer_then_offers_what_next(factory, store):
    tracker = make_tracker(intent="start_exercise", slots={"exercise": "samenhang"})
    run_id = slot_values(run_action(ActionStartReflection(factory), tracker)[1])["reflection_session"]
    answers = {"antwoord_1": "Mijn moeder is ziek.", "antwoord_2": "Ja.", "antwoord_3": "Niemand.",
               "antwoord_4": "Ja zeker.", "antwoord_5": "Ik denk dat ik het te lang alleen heb gedragen."}
    messages, events = run_action(ActionFinishReflection(factory), make_tracker(active_loop=FORM,
        slots={"exercise": "samenhang", "reflection_session": run_id, **answers}))
    text = messages[0]["text"]
    assert len(messages) == 1 and ("bewaard" in text or "reflectie gezet" in text), text
    assert "nog een reflectie" in messages[0]["text"]
    assert messages[0]["buttons"]
    assert slot_values(events)["exercise"] is None
    assert store.open_session(CHANNEL, "persoon-1") is None


def test_stop_at_the_closing_question_closes_the_run(factory, store):
    tracker = make_tracker(intent="start_exercise", slots={"exercise": "kennen"})
    run_id = slot_values(run_action(ActionStartReflection(factory), tracker)[1])["reflection_session"]
    answers = {"antwoord_1": "Mo", "antwoord_2": "Hij is stil.", "antwoord_3": "Ik ben moe.", "antwoord_4": "Niks."}
    messages, events = run_action(ActionPauseReflection(factory), make_tracker(active_loop=FORM,
        intent="stop_exercise", slots={"exercise": "kennen", "reflection_session": run_id,
                                       "requested_slot": "antwoord_5", **answers}))
    assert "hierbij" in messages[0]["text"]
    assert store.open_session(CHANNEL, "persoon-1") is None


def test_resume_shows_a_line_of_what_they_wrote(factory, store):
    _half_done(store, factory)
    messages, events = run_action(ActionResumeReflection(factory), make_tracker(intent="continue_exercise"))
    assert "Gedoe op het werk" in messages[0]["text"]
    assert slot_values(events)["reflection_hint"] == "hervat"


def test_kennen_closing_shows_the_difference_in_their_words(factory):
    answers = {"antwoord_1": "mijn broer", "antwoord_2": "Hij is altijd te laat en lui.",
               "antwoord_3": "Ik probeer te veel tegelijk te doen.", "antwoord_4": "Ik word milder."}
    text = ask_closing(factory, "kennen", answers)[0]
    assert "Hij is altijd te laat en lui" in text and "Ik probeer te veel tegelijk te doen" in text
    assert "altijd" in text and "je broer" in text and text.endswith("?")


def test_geven_om_closing_never_repeats_advice(factory):
    answers = {"antwoord_1": "Mo", "antwoord_2": "Hij is stil.", "antwoord_3": "Je moet meer slapen."}
    said = " ".join(ask_closing(factory, "geven_om", answers, reflection_first_try="Je moet naar de dokter."))
    assert "een advies" in said and not find_violations(said)


def test_geven_om_uses_the_name_once_known(factory):
    answers = {"antwoord_1": "mijn collega Sanne", "antwoord_2": "Ze is stil.",
               "antwoord_3": "Het valt me op dat je stil bent. Hoe gaat het met je?"}
    said = " ".join(ask_closing(factory, "geven_om", answers))
    assert "Sanne" in said and "je collega Sanne" not in said


def test_geven_om_dont_know_is_not_quoted_as_their_sentence(factory):
    answers = {"antwoord_1": "Mo", "antwoord_2": "Hij is stil.", "antwoord_3": "weet ik niet"}
    said = " ".join(ask_closing(factory, "geven_om", answers))
    assert "“weet ik niet”" not in said and "Dat is opmerken" not in said and "Hij is stil" in said


def test_samenhang_closing_names_the_hardest(factory):
    answers = {"antwoord_1": "Mijn moeder is ziek.", "antwoord_2": "Ja, dat kan ik wel.",
               "antwoord_3": "Nee, ik heb er geen invloed op.", "antwoord_4": "Ja zeker."}
    said = ask_closing(factory, "samenhang", answers)
    assert "dragen" in said[0] and "geen invloed" in said[0]


def test_the_closing_answer_is_named_and_a_goodbye_is_a_goodbye(factory, store):
    answers = {"antwoord_1": "mijn zus", "antwoord_2": "mijn zus", "antwoord_3": "mijn zus", "antwoord_4": "niemand",
               "antwoord_5": "het valt me op dat mijn zus overal op staat"}
    messages, _ = run_action(ActionFinishReflection(factory), make_tracker(active_loop=FORM, slots={"exercise": "vier_lijstjes", **answers}))
    assert "je zus" in messages[0]["text"] and messages[0]["buttons"]
    answers["antwoord_5"] = "dank je, doei"
    messages, _ = run_action(ActionFinishReflection(factory), make_tracker(active_loop=FORM,
        intent="goodbye", slots={"exercise": "vier_lijstjes", **answers}))
    assert "Tot een volgende keer" in messages[0]["text"] and not messages[0].get("buttons")


def test_a_quoted_question_gets_no_second_full_stop(factory):
    answers = {"antwoord_1": "Mo", "antwoord_2": "Hij is stil.", "antwoord_3": "Het valt me op dat je stil bent. Hoe is het?"}
    said = " ".join(ask_closing(factory, "geven_om", answers))
    assert "?”." not in said and "Hoe is het?”" in said


def test_the_closing_answer_names_someone_from_their_lists(factory):
    answers = {"antwoord_1": "Ilse, mijn broer Tom", "antwoord_2": "Ilse", "antwoord_3": "Ilse en Tom",
               "antwoord_4": "weet ik niet", "antwoord_5": "Dat Ilse eigenlijk overal staat."}
    messages, _ = run_action(ActionFinishReflection(factory), make_tracker(active_loop=FORM, slots={"exercise": "vier_lijstjes", **answers}))
    assert "Ilse" in messages[0]["text"] and "bewaard" in messages[0]["text"]
