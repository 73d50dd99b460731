"""The intent classifier: trains, stores and loads through Rasa's model storage, ranks by
probability, and refuses a stored model that holds types it never writes."""
import pytest
import skops.io as sio
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.preprocessing import FunctionTransformer

from components.intent_classifier import FILE, LinearIntentClassifier

EXAMPLES = {
    "greet": ["hallo", "hoi daar", "goeiemorgen", "hey hallo", "dag allemaal"],
    "stop_exercise": ["stop de oefening", "ik wil stoppen", "genoeg met de vragen", "stop maar", "ik stop ermee"],
    "share_experience": ["ik voel me alleen", "mijn zus belt nooit", "het is stil in huis",
                         "ik mis mijn vader", "niemand vraagt hoe het gaat"],
}


def _training_data():
    return TrainingData([Message(data={"text": t, "intent": i}) for i, ts in EXAMPLES.items() for t in ts])


@pytest.fixture
def storage(tmp_path):
    return LocalModelStorage(tmp_path)


def _context():
    return ExecutionContext(GraphSchema({}), "test")


def _trained(storage, config=None):
    resource = Resource("intents")
    component = LinearIntentClassifier.create(config or {}, storage, resource, _context())
    component.train(_training_data())
    return component, resource


def _parse(component, *texts):
    messages = [Message(data={"text": t}) for t in texts]
    component.process(messages)
    return messages


def test_it_reads_new_wordings_and_ranks_by_probability(storage):
    component, _ = _trained(storage)
    stop, alone = _parse(component, "ik wil echt stoppen met die oefening", "ik voel me zo alleen thuis")
    assert stop.get("intent")["name"] == "stop_exercise"
    assert alone.get("intent")["name"] == "share_experience"
    ranking = stop.get("intent_ranking")
    confidences = [r["confidence"] for r in ranking]
    assert confidences == sorted(confidences, reverse=True)
    assert ranking[0] == stop.get("intent")
    assert {r["name"] for r in ranking} == set(EXAMPLES)
    assert sum(confidences) == pytest.approx(1.0)


def test_the_ranking_is_cut_to_its_length(storage):
    component, _ = _trained(storage, {"ranking_length": 2})
    assert len(_parse(component, "hallo")[0].get("intent_ranking")) == 2


def test_a_stored_model_loads_and_answers_the_same(storage):
    component, resource = _trained(storage)
    loaded = LinearIntentClassifier.load({}, storage, resource, _context())
    texts = ("hoi", "stop nu", "ik ben verdrietig 😢", "", "<b>hallo</b> “hoi”")
    assert [m.get("intent_ranking") for m in _parse(loaded, *texts)] == \
        [m.get("intent_ranking") for m in _parse(component, *texts)]


def test_a_stored_model_with_foreign_types_is_refused(storage):
    # A model file that holds a function (here `print`) could run code when loaded: refuse it.
    resource = Resource("tampered")
    with storage.write_to(resource) as directory:
        sio.dump(FunctionTransformer(print), directory / FILE)
    with pytest.raises(ValueError, match="never stores"):
        LinearIntentClassifier.load({}, storage, resource, _context())


def test_untrained_it_leaves_messages_alone(storage):
    component = LinearIntentClassifier.create({}, storage, Resource("empty"), _context())
    message = _parse(component, "hallo")[0]
    assert message.get("intent") is None
