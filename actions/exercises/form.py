"""`validate_reflection_form` (one `validate_antwoord_N` per slot) and the ask actions
`action_ask_antwoord_1` … `_6` (`ActionAskAntwoord1` … `6`).

The form's required slots depend on the exercise (slot `exercise`) and, for some, on earlier
answers. Validation is kind: an empty or one-word answer, a skip where skipping is not possible,
or an exercise-specific check (geven_om, verbondenheid) gets one invitation to try again, stored
in `reflection_hint` and said by the ask action instead of repeating the question; the second
try is accepted. A short goodbye with a farewell ("doei 👋", "tot later": `says_farewell` of
core/leave_taking.py; at most LEAVE_MAX_WORDS words, so a long answer that ends "… tot later" is
kept) ends the form early without keeping it as an answer, and action_finish_reflection then pauses
the run with a goodbye; a goodbye without one ("ik ga er een nachtje over slapen") stays an
answer. "Weet ik niet" is an answer, and where a question welcomes a short answer
(`Question.short_ok`) "niemand", "nee" or an emoji is never nudged. Every accepted answer is
logged at once. Before the next question, the ask action acknowledges the answer just given
(acknowledge.py).

One more slot than the exercise has questions holds the answer to the closing question: its ask
action says the reflection on all answers (ending in that question, without buttons), and any
answer to it is kept as the step `afsluiting`; only then does action_finish_reflection run.
"""
import abc
import re
from typing import Any, Dict, List, Optional, Text, Tuple, Type

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import Events, StoreFactory, intent_name
from actions.exercises import progress
from actions.exercises.acknowledge import acknowledgement
from actions.exercises.base import (
    FREE,
    LIST,
    SKIPPED,
    SLOTS,
    Exercise,
    Question,
    has_symbol,
    is_dont_know,
    is_empty,
    is_short_answer,
    tidy,
    words,
)
from actions.exercises.registry import get
from core import texts
from core.advice_guard import is_clean
from core.leave_taking import says_farewell
from store.repository import TextTooLong, get_store

FORM = "reflection_form"
HINT_SLOT = "reflection_hint"
NUDGED_SLOT = "reflection_nudged"
FIRST_TRY_SLOT = "reflection_first_try"
SKIP_INTENT = "skip_question"
GOODBYE_INTENT = "goodbye"
#: 184 of the 186 goodbyes in the NLU training and dev data have at most 15 words (the longest 22);
#: a longer message is an answer, whatever it ends with, so that nothing written is lost.
LEAVE_MAX_WORDS = 15
# General hint keys; exercise-specific ones are "<exercise>:<what>".
HINT_SHORT, HINT_EMPTY, HINT_NO_SKIP, HINT_SKIPPED = "kort", "leeg", "niet_overslaan", "overgeslagen"
HINT_RESUMED = "hervat"  # the run was just resumed: the question without an acknowledgement
HINT_LEFT = "afscheid"  # a goodbye ended the form: action_finish_reflection pauses the run
CLOSING_STEP = "afsluiting"  # the answer to the closing question, kept as the reflection's last step
OVERVIEW_STEP = "overzicht"
QUOTED = re.compile(r"“[^”]*”")  # the person's own words: the guard checks what we add around them
_HINT_TEXTS = {HINT_SHORT: texts.HINT_SHORT, HINT_EMPTY: texts.HINT_EMPTY, HINT_NO_SKIP: texts.HINT_NO_SKIP}


def answers_from(exercise: Exercise, slots: Dict[str, Any], upto: int = len(SLOTS)) -> Dict[str, str]:
    """{question key: answer} for the first `upto` slots that hold an answer (skips left out)."""
    answers: Dict[str, str] = {}
    for index in range(upto):
        questions = exercise.active_questions(answers)
        value = slots.get(SLOTS[index])
        if index >= len(questions) or value is None:
            break
        if value != SKIPPED:
            answers[questions[index].key] = value
    return answers


def filled_slots(slots: Dict[str, Any]) -> Dict[str, str]:
    return {s: slots[s] for s in SLOTS if slots.get(s) is not None}


def question_count(exercise: Exercise, slots: Dict[str, Any]) -> int:
    """How many questions this run has (the closing question not counted)."""
    return len(exercise.active_questions(answers_from(exercise, slots)))


def required(exercise: Optional[Exercise], slots: Dict[str, Any]) -> List[str]:
    """The slots of the questions, and one more for the answer to the closing question."""
    if exercise is None:
        return []
    return SLOTS[: question_count(exercise, slots) + 1]


def is_closing(exercise: Exercise, slots: Dict[str, Any], index: int) -> bool:
    return index == question_count(exercise, slots)


def question_at(exercise: Exercise, slots: Dict[str, Any], index: int) -> Optional[Question]:
    questions = exercise.active_questions(answers_from(exercise, slots, index))
    return questions[index] if index < len(questions) else None


class ValidateReflectionForm(FormValidationAction):
    """Kind validation of every answer, logged through the reflection store."""

    def __init__(self, store_factory: StoreFactory = get_store) -> None:
        self.store_factory = store_factory

    def name(self) -> Text:
        return "validate_reflection_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        return required(get(tracker.get_slot("exercise")), tracker.slots)

    async def next_requested_slot(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> Optional[EventType]:
        if tracker.get_slot(HINT_SLOT) == HINT_LEFT:  # a goodbye: no next question, the form ends
            return SlotSet("requested_slot", None)
        return await super().next_requested_slot(dispatcher, tracker, domain)

    def validate_antwoord_1(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("antwoord_1", slot_value, dispatcher, tracker)

    def validate_antwoord_2(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("antwoord_2", slot_value, dispatcher, tracker)

    def validate_antwoord_3(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("antwoord_3", slot_value, dispatcher, tracker)

    def validate_antwoord_4(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("antwoord_4", slot_value, dispatcher, tracker)

    def validate_antwoord_5(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("antwoord_5", slot_value, dispatcher, tracker)

    def validate_antwoord_6(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("antwoord_6", slot_value, dispatcher, tracker)

    def _validate(self, slot: str, value: Any, dispatcher: CollectingDispatcher,
                  tracker: Tracker) -> Dict[Text, Any]:
        index = SLOTS.index(slot)
        exercise = get(tracker.get_slot("exercise"))
        text = value if isinstance(value, str) else ""
        if exercise is not None and is_closing(exercise, tracker.slots, index):
            return self._accept_closing(slot, text, dispatcher, tracker, exercise)
        question = question_at(exercise, tracker.slots, index) if exercise else None
        if exercise is None or question is None:
            return {slot: value}
        nudged = tracker.get_slot(NUDGED_SLOT) == slot

        def again(hint: str, **extra: Any) -> Dict[Text, Any]:
            return {slot: None, HINT_SLOT: hint, NUDGED_SLOT: slot, **extra}

        def skip() -> Dict[Text, Any]:
            self._save(tracker, exercise, {**filled_slots(tracker.slots), slot: SKIPPED})
            return {slot: SKIPPED, HINT_SLOT: HINT_SKIPPED, NUDGED_SLOT: None}

        intent = intent_name(tracker.latest_message)
        if intent == GOODBYE_INTENT and says_farewell(text) and len(words(text)) <= LEAVE_MAX_WORDS:
            return {slot: None, HINT_SLOT: HINT_LEFT, NUDGED_SLOT: None}
        if intent == SKIP_INTENT and len(words(text)) <= 8:
            if question.skippable or nudged:
                return skip()
            return again(HINT_NO_SKIP)
        if is_empty(text):
            return skip() if nudged else again(HINT_EMPTY)
        if not is_dont_know(text) and not nudged:
            special = exercise.check(question, text, answers_from(exercise, tracker.slots, index))
            if special:
                return again(special, **{FIRST_TRY_SLOT: text})
            if question.kind == FREE and not question.short_ok and len(words(text)) < 2 \
                    and not is_short_answer(text) and not has_symbol(text):
                return again(HINT_SHORT)
        return self._accept(slot, text, dispatcher, tracker, exercise, question)

    def _accept(self, slot: str, text: str, dispatcher: CollectingDispatcher, tracker: Tracker,
                exercise: Exercise, question: Question) -> Dict[Text, Any]:
        session_id = tracker.get_slot(progress.SESSION_SLOT)
        try:
            session_id = progress.log_answer(dispatcher, tracker, exercise.key, question.key, text,
                                             session_id, self.store_factory)
        except TextTooLong as exc:
            dispatcher.utter_message(text=texts.TEXT_TOO_LONG.format(limit=f"{exc.limit:,}".replace(",", ".")))
            return {slot: None, HINT_SLOT: None}
        self._save(tracker, exercise, {**filled_slots(tracker.slots), slot: text}, session_id)
        return {slot: text, HINT_SLOT: None, NUDGED_SLOT: None, progress.SESSION_SLOT: session_id}

    def _accept_closing(self, slot: str, text: str, dispatcher: CollectingDispatcher, tracker: Tracker,
                        exercise: Exercise) -> Dict[Text, Any]:
        """The answer to the closing question: any answer (also none) is received, never nudged,
        and kept with the reflection as its last step."""
        if intent_name(tracker.latest_message) == SKIP_INTENT and len(words(text)) <= 8 or is_empty(text):
            return {slot: SKIPPED, HINT_SLOT: None, NUDGED_SLOT: None}
        session_id = tracker.get_slot(progress.SESSION_SLOT)
        try:
            session_id = progress.log_answer(dispatcher, tracker, exercise.key, CLOSING_STEP, text,
                                             session_id, self.store_factory)
        except TextTooLong as exc:
            dispatcher.utter_message(text=texts.TEXT_TOO_LONG.format(limit=f"{exc.limit:,}".replace(",", ".")))
            return {slot: None, HINT_SLOT: None}
        return {slot: text, HINT_SLOT: None, NUDGED_SLOT: None, progress.SESSION_SLOT: session_id}

    def _save(self, tracker: Tracker, exercise: Exercise, answers: Dict[str, str],
              session_id: Optional[str] = None) -> None:
        state = {"answers": answers, "first_try": tracker.get_slot(FIRST_TRY_SLOT)}
        progress.save(tracker, session_id or tracker.get_slot(progress.SESSION_SLOT), state,
                      self.store_factory)


def ask_text(exercise: Exercise, slots: Dict[str, Any], index: int, hint: Optional[str]) -> Optional[str]:
    """What to say when slot `index` is requested: a hint for a second try, or the question,
    after a short acknowledgement of the answer just given."""
    question = question_at(exercise, slots, index)
    if question is None:
        return None
    answers = answers_from(exercise, slots, index)
    if hint and hint not in (HINT_SKIPPED, HINT_RESUMED):
        if hint == HINT_EMPTY and question.kind == LIST:
            return texts.HINT_LIST
        return _HINT_TEXTS.get(hint) or exercise.hint_text(hint, answers) or texts.HINT_SHORT
    text = exercise.question_text(question, answers)
    if hint == HINT_SKIPPED:
        return f"{texts.SKIPPED_ACK} {text}"
    if hint == HINT_RESUMED or index == 0:
        return text
    ack = previous_ack(exercise, slots, index)
    return tidy(f"{ack} {text}" if ack else text)


def previous_ack(exercise: Exercise, slots: Dict[str, Any], index: int, brief: bool = False) -> Optional[str]:
    """The acknowledgement of the answer in slot `index - 1`. With `brief`, only for answers that
    deserve a word of their own (short, "niemand", "weet ik niet", an emoji)."""
    before = question_at(exercise, slots, index - 1) if index > 0 else None
    answer = slots.get(SLOTS[index - 1]) if index > 0 else None
    if before is None or not isinstance(answer, str):
        return None
    if brief and not (is_short_answer(answer) or is_dont_know(answer) or has_symbol(answer)):
        return None
    return acknowledgement(exercise, before, answer, answers_from(exercise, slots, index - 1))


def closing_messages(exercise: Exercise, slots: Dict[str, Any], extra: Dict[str, Any]) -> List[str]:
    """The reflection on all answers, ending in the closing question; parts that fail the advice
    guard (outside the person's quoted words) are left out."""
    answers = answers_from(exercise, slots)
    said = []
    ack = previous_ack(exercise, slots, question_count(exercise, slots), brief=True)
    for number, parts in enumerate(exercise.closing(answers, extra)):
        kept = [p for p in parts if p and is_clean(QUOTED.sub("“”", p))]
        if number == 0 and ack:
            kept.insert(0, ack)
        if kept:
            said.append(tidy(" ".join(kept)))
    return said


class AskAnswerAction(Action, abc.ABC):
    """`action_ask_<slot>`: asks the current exercise's question for one `antwoord_N` slot."""

    @property
    @abc.abstractmethod
    def slot(self) -> str:
        """The slot asked for."""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    def __init__(self, store_factory: StoreFactory = get_store) -> None:
        self.store_factory = store_factory

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        exercise = get(tracker.get_slot("exercise"))
        hint = tracker.get_slot(HINT_SLOT)
        index = SLOTS.index(self.slot)
        if exercise is not None and is_closing(exercise, tracker.slots, index):
            for said in self.closing(dispatcher, tracker, exercise):
                dispatcher.utter_message(text=said)
            return [SlotSet(HINT_SLOT, None)]
        text = ask_text(exercise, tracker.slots, index, hint) if exercise else None
        if text:
            dispatcher.utter_message(text=text)
        return [SlotSet(HINT_SLOT, None)]

    def closing(self, dispatcher: CollectingDispatcher, tracker: Tracker, exercise: Exercise) -> List[str]:
        """The closing reflection and question; for the four lists, the overview is kept first."""
        session_id = tracker.get_slot(progress.SESSION_SLOT)
        extra: Dict[str, Any] = {"first_try": tracker.get_slot(FIRST_TRY_SLOT)}
        if exercise.key == "vier_lijstjes":
            from actions.exercises.vier_lijstjes import (  # keeps form.py generic
                lists_from,
                overview,
            )

            answers = answers_from(exercise, tracker.slots)
            extra["done_before"] = progress.done_before(tracker, exercise.key, OVERVIEW_STEP, session_id,
                                                        self.store_factory)
            if answers and not progress.has_step(tracker, session_id, OVERVIEW_STEP, self.store_factory):
                progress.log_answer(dispatcher, tracker, exercise.key, OVERVIEW_STEP,
                                    overview(lists_from(answers)), session_id, self.store_factory)
        return closing_messages(exercise, tracker.slots, extra)


class ActionAskAntwoord1(AskAnswerAction):
    slot = "antwoord_1"


class ActionAskAntwoord2(AskAnswerAction):
    slot = "antwoord_2"


class ActionAskAntwoord3(AskAnswerAction):
    slot = "antwoord_3"


class ActionAskAntwoord4(AskAnswerAction):
    slot = "antwoord_4"


class ActionAskAntwoord5(AskAnswerAction):
    slot = "antwoord_5"


class ActionAskAntwoord6(AskAnswerAction):
    slot = "antwoord_6"


#: The ask action of every slot, in the order of SLOTS.
ASK_ACTIONS: Tuple[Type[AskAnswerAction], ...] = (
    ActionAskAntwoord1, ActionAskAntwoord2, ActionAskAntwoord3, ActionAskAntwoord4, ActionAskAntwoord5,
    ActionAskAntwoord6,
)
