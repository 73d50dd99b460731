"""The guided reflections end to end, through the trained model and a real action server:
completed (the closing question answered, then the offer of what next), stopped and resumed in a
new session, interrupted by a crisis, and given unhelpful or short answers. What was logged is
read back from the reflection store the action server wrote to."""
import pytest

from core.advice_guard import find_violations
from core.keys import load_keys
from core.settings import Settings
from store.repository import ReflectionStore

CHANNEL = "rest"
CRISIS_LINES = ("113", "1813", "112")

# Per reflection: (question keys as logged, realistic answers in order).
SCRIPTS = {
    "kennen": (["wie", "jouw_versie", "hun_versie", "verschil"], [
        "mijn broer",
        "Hij is altijd te laat en luistert nooit echt.",
        "Ik probeer van alles tegelijk te doen en kom daardoor overal te laat.",
        "Ik zie nu iemand die het druk heeft, niet iemand die mij vergeet.",
    ]),
    "geven_om": (["wie", "opgemerkt", "zin"], [
        "mijn zus",
        "Ze lacht minder en ze reageert laat op mijn berichtjes.",
        "Het valt me op dat je minder lacht de laatste tijd. Hoe gaat het met je?",
    ]),
    "vier_lijstjes": (["ken_ik", "kent_mij", "geef_om", "geeft_om_mij", "overzicht"], [
        "Anna, Piet en mijn zus",
        "Anna",
        "Anna / mijn zus / Mo",
        "niemand",
    ]),
    "reflectievragen": (["begrepen", "wat_deed", "om_wie", "afstand", "opgemerkt"], [
        "Toen een vriendin bleef luisteren zonder iets op te lossen.",
        "Ze vroeg door en bleef rustig bij me zitten.",
        "Om mijn dochter. Ik weet niet of ze dat weet.",
        "Op verjaardagen, als iedereen praat en lacht en ik er niet bij hoor.",
        "Mijn buurvrouw merkt het soms op.",
    ]),
    "verbondenheid": (["richtingen", "eerste", "tweede"], [
        "2 en 3",
        "Als ik met vrienden kook en we samen lachen aan tafel.",
        "In het bos word ik rustig, dan voel ik me deel van iets groters.",
    ]),
    "samenhang": (["situatie", "begrijpen", "grip", "zin"], [
        "Mijn moeder is ziek en er komt veel op me af.",
        "Dat ze steeds zwakker wordt en dat ik alles regel.",
        "Nee, eigenlijk niets. Ik heb er geen invloed op.",
        "Mijn moeder zelf. Zij is het waard.",
    ]),
    "positieve_gezondheid": (["gebied", "hoe_nu", "belangrijk", "wens"], [
        "5",
        "Niet zo goed. Sinds mijn pensioen kom ik weinig onder de mensen.",
        "Dat ik ergens bij hoor en dat iemand op me rekent.",
        "nee",
    ]),
    "zingeving": (["zin", "gaande", "houvast", "mist"], [
        "Mijn kleinkinderen en mijn tuin.",
        "niets eigenlijk",
        "Mijn buurvrouw, die komt elke week langs.",
        "Iemand om mee te praten over vroeger.",
    ]),
}
# What the person answers to the closing question (kept as the last step, "afsluiting").
CLOSING_ANSWER = "Ik denk dat ik er nog even over wil nadenken."
CLOSING_MARKS = {
    "kennen": "altijd",
    "geven_om": "opmerken",
    "vier_lijstjes": "wie om jou geeft",
    "reflectievragen": "?",
    "verbondenheid": "met anderen die je waardeert",
    "samenhang": "invloed",
    "positieve_gezondheid": "meedoen met anderen",
    "zingeving": "buurvrouw",
}
EXERCISES = list(SCRIPTS)


@pytest.fixture(scope="module")
def store(service_env):
    settings = Settings.from_env(service_env)
    made = ReflectionStore(settings.db_url, load_keys(settings, service_env), spool_dir=settings.spool_dir)
    yield made
    made.engine.dispose()


def start(assistant, sender, exercise):
    return assistant.texts(sender, f'/start_exercise{{"exercise": "{exercise}"}}')


def logged(store, sender):
    return store.all_reflections(CHANNEL, sender)


def clean(text):
    assert not find_violations(text), text
    return text


@pytest.mark.parametrize("exercise", EXERCISES)
def test_complete_a_reflection(assistant, sender, store, exercise):
    steps, answers = SCRIPTS[exercise]
    first = start(assistant, sender, exercise)
    assert "stop" in first and first.strip().endswith(("?", ".", ":", "”")), first
    for answer in answers[:-1]:
        clean(assistant.texts(sender, answer))
    replies = assistant.say(sender, answers[-1])
    closing = clean("\n".join(m.get("text") or "" for m in replies))
    assert CLOSING_MARKS[exercise] in closing, closing
    assert closing.rstrip().endswith("?"), closing
    assert not any(m.get("buttons") for m in replies), "no menu before the closing question is answered"
    replies = assistant.say(sender, CLOSING_ANSWER)
    after = clean("\n".join(m.get("text") or "" for m in replies))
    assert "Ik geef geen" not in after and "reflectie" in after, after
    assert any(b["payload"] == "/start_exercise" for m in replies for b in m.get("buttons", []))
    rows = logged(store, sender)
    assert [r.step for r in rows] == steps + ["afsluiting"]
    assert [r.text for r in rows][: len(answers)] == answers
    assert rows[-1].text == CLOSING_ANSWER
    assert all(r.exercise == exercise for r in rows) and len({r.session_id for r in rows}) == 1
    assert store.open_session(CHANNEL, sender) is None
    assert assistant.tracker(sender).active_loop_name is None


@pytest.mark.parametrize("exercise", EXERCISES)
def test_stop_halfway_and_resume_in_a_new_session(assistant, sender, store, exercise):
    steps, answers = SCRIPTS[exercise]
    start(assistant, sender, exercise)
    half = len(answers) // 2
    for answer in answers[:half]:
        assistant.texts(sender, answer)
    paused = assistant.texts(sender, "stop")
    assert "verdergaan" in paused, paused
    assert assistant.tracker(sender).active_loop_name is None

    greeting = assistant.say(sender, "/session_start")  # a new session, same person
    text = "\n".join(m.get("text") or "" for m in greeting)
    assert "Fijn dat je er weer bent" in text and f"{half} van de" in text, text
    assert assistant.tracker(sender).get_slot("antwoord_1") is None  # the tracker forgot; the store did not

    resumed = assistant.texts(sender, "ga verder")
    assert "We gaan verder" in resumed, resumed
    assert answers[half - 1][:30] in resumed, "a line of what they wrote before"
    for answer in answers[half:-1]:
        assistant.texts(sender, answer)
    closing = assistant.texts(sender, answers[-1])
    assert CLOSING_MARKS[exercise] in closing, closing
    assistant.texts(sender, CLOSING_ANSWER)
    rows = logged(store, sender)
    assert [r.step for r in rows] == steps + ["afsluiting"]
    assert len({r.session_id for r in rows}) == 1
    assert store.open_session(CHANNEL, sender) is None


@pytest.mark.parametrize("goodbye", ["doei 👋", "dank je, ik moet weer aan het werk. tot later"])
def test_a_goodbye_halfway_pauses_with_a_goodbye_and_is_not_kept_as_an_answer(assistant, sender, store, goodbye):
    steps, answers = SCRIPTS["kennen"]
    start(assistant, sender, "kennen")
    assistant.texts(sender, answers[0])
    bye = clean(assistant.texts(sender, goodbye))
    assert "pauze" in bye and "ga verder" in bye and "?" not in bye, bye
    assert assistant.tracker(sender).active_loop_name is None
    assert [r.text for r in logged(store, sender)] == answers[:1], "the goodbye is not an answer"
    assert store.open_session(CHANNEL, sender) is not None, "the reflection stays open to resume"
    resumed = assistant.texts(sender, "ga verder")
    assert "We gaan verder" in resumed and answers[0] in resumed, resumed


def test_an_answer_that_reads_as_goodbye_is_still_an_answer(assistant, sender, store):
    """No farewell word: "ik ga er een nachtje over slapen" is an answer, as it was."""
    start(assistant, sender, "geven_om")
    assistant.texts(sender, "mijn zus")
    assistant.texts(sender, "ik ga er een nachtje over slapen")
    assert [r.text for r in logged(store, sender)] == ["mijn zus", "ik ga er een nachtje over slapen"]
    assert assistant.tracker(sender).active_loop_name == "reflection_form"


@pytest.mark.parametrize("exercise", EXERCISES)
def test_crisis_interrupts_a_reflection(assistant, sender, store, exercise):
    steps, answers = SCRIPTS[exercise]
    start(assistant, sender, exercise)
    assistant.texts(sender, answers[0])
    text = assistant.texts(sender, "ik wil er niet meer zijn")
    for line in CRISIS_LINES:
        assert line in text, text
    assert "Ik blijf hier" in text
    assert assistant.tracker(sender).active_loop_name is None
    after = assistant.texts(sender, "ik weet het niet, alles is zwaar")
    assert after.strip() and "113" not in after
    assert [r.step for r in logged(store, sender) if r.exercise == exercise] == steps[:1]
    # the reflection waits; it can be picked up later
    assert "We gaan verder" in assistant.texts(sender, "ga verder")
    assert store.open_session(CHANNEL, sender).exercise == exercise


LONG = ("Ik weet het eigenlijk niet goed, er gebeurt zoveel tegelijk en ik raak het overzicht kwijt. " * 30)[:2000]


@pytest.mark.parametrize("exercise", EXERCISES)
def test_unhelpful_answers_are_met_kindly(assistant, sender, store, exercise):
    start(assistant, sender, exercise)
    invited = assistant.texts(sender, "")
    assert invited.strip(), "no answer to an empty message"
    assert logged(store, sender) == []
    assistant.texts(sender, "weet niet")
    assistant.texts(sender, LONG)
    texts_kept = [r.text for r in logged(store, sender)]
    assert texts_kept[:2] == ["weet niet", LONG], texts_kept
    tracker = assistant.tracker(sender)
    assert tracker.get_slot("antwoord_2") == LONG or tracker.active_loop_name is None


def test_privacy_commands_work_in_the_middle_of_a_reflection(assistant, sender, store):
    steps, answers = SCRIPTS["samenhang"]
    start(assistant, sender, "samenhang")
    assistant.texts(sender, answers[0])
    shown = assistant.texts(sender, "laat mijn reflecties zien")
    assert answers[0] in shown and "verdergaan" in shown, shown
    assert "We gaan verder" in assistant.texts(sender, "ga verder")
    question = assistant.texts(sender, "wis al mijn gegevens")
    assert "wissen" in question and assistant.tracker(sender).active_loop_name is None
    assert "gewist" in assistant.texts(sender, "ja")
    assert logged(store, sender) == [] and store.open_session(CHANNEL, sender) is None


def finish(assistant, sender, exercise, closing_answer):
    """Runs a reflection with its script, answers the closing question; returns the replies."""
    start(assistant, sender, exercise)
    for answer in SCRIPTS[exercise][1]:
        assistant.texts(sender, answer)
    return assistant.say(sender, closing_answer)


def test_the_closing_answer_is_received_and_yes_leads_to_the_choice(assistant, sender, store):
    replies = finish(assistant, sender, "geven_om", "ik denk dat ze het fijn zou vinden")
    said = clean("\n".join(m.get("text") or "" for m in replies))
    assert "Ik geef geen" not in said and "overwogen" not in said, said
    assert logged(store, sender)[-1].step == "afsluiting"
    menu = assistant.say(sender, "ja")
    assert "Ik luister" not in "\n".join(m.get("text") or "" for m in menu)
    payloads = [b["payload"] for m in menu for b in m.get("buttons", [])]
    assert any("zingeving" in p for p in payloads) and any("kennen" in p for p in payloads), payloads


def test_no_to_another_reflection_is_a_kind_close(assistant, sender):
    finish(assistant, sender, "samenhang", "nee")
    close = assistant.texts(sender, "nee")
    assert "Dank je" in close and "?" not in close, close
    assert assistant.tracker(sender).active_loop_name is None


def test_short_painful_answers_are_received_not_nudged(assistant, sender, store):
    start(assistant, sender, "vier_lijstjes")
    assistant.texts(sender, "mijn zus Anna, Piet")
    assistant.texts(sender, "Anna")
    nobody = assistant.texts(sender, "niemand")
    assert "niemand" in nobody.lower() and "wie geeft om jou" in nobody.lower(), nobody
    closing = assistant.texts(sender, "weet ik niet")
    assert "Anna goed" not in closing and "Piet" in closing, closing  # "mijn zus Anna" = "Anna"
    assert [r.text for r in logged(store, sender)][:4] == ["mijn zus Anna, Piet", "Anna", "niemand", "weet ik niet"]
    start_samenhang = assistant.texts(sender, "nee")  # the answer to the closing question
    assert "reflectie" in start_samenhang


def test_a_known_name_is_used_not_the_whole_phrase(assistant, sender):
    start(assistant, sender, "geven_om")
    first = assistant.texts(sender, "mijn collega Sanne")
    assert first.count("Sanne") >= 2 and first.count("je collega Sanne") <= 1, first
    assistant.texts(sender, "Ze lacht niet meer mee bij de koffie en zit vaak alleen achter haar scherm.")
    closing = assistant.texts(sender, "Het valt me op dat je stiller bent bij de koffie. Hoe gaat het met je?")
    assert "Sanne" in closing and "je collega Sanne" not in closing, closing


def test_own_direction_of_connectedness_is_reflected(assistant, sender):
    start(assistant, sender, "verbondenheid")
    asked = assistant.texts(sender, "mijn hond")
    assert "je hond" in asked and "?" in asked, asked


@pytest.mark.parametrize("question, mark", [
    ("wat is zingeving", "'s morgens"),
    ("wat bedoel je met gezien en gehoord", "Brené Brown"),
    ("wat is positieve gezondheid", "regie"),
])
def test_the_ideas_behind_the_new_reflections_are_explained(assistant, sender, question, mark):
    assert mark in assistant.texts(sender, question)
