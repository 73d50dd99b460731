"""Intent classifier: logistic regression on tf-idf word and character n-grams (scikit-learn).

Why not DIET: on the dev set (tests/nlu/dev_nlu.yml, never the test set) the same 1,785
training examples gave macro F1 0.987 with this model against 0.953 with DIET (both before
fallback), and 0.871 against 0.846 on 80/20 splits; it trains in about 20 seconds instead of a
minute and a half. The features are the message's own words: sublinear tf-idf of lower-cased
word unigrams and bigrams ("moet ik", "tot straks") and of character 2-5-grams within words
(typos, "ge"/"gij" forms, emoji). Classes are weighted by their size; C = 60 was chosen on the
dev set together with the fallback threshold, and C = 120 with the 2,871 examples of the third
data round: dev set level, three fixed 80/20 splits 0.910 -> 0.912 (README, "NLU report"). The
ranking holds the classes' probabilities, which the fallback, the command gate and the safety
net read as before.
Rasa's own LogisticRegressionClassifier was not enough: it reads the count-vector features (no
tf-idf) and has no C, and such a model reached only 0.964-0.973 on the dev set.
"""
from typing import Any, Dict, List, Optional, Text

import numpy as np
import skops.io as sio
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

#: The one type outside skops' defaults that the fitted model holds (the idf diagonal).
TRUSTED = {"scipy.sparse._csr.csr_matrix"}
FILE = "intents.skops"


def build_model(config: Dict[Text, Any]) -> Pipeline:
    """The untrained scikit-learn pipeline for `config` (see get_default_config)."""
    words = TfidfVectorizer(ngram_range=tuple(config["word_ngrams"]), sublinear_tf=True,
                            token_pattern=r"(?u)\b\w+\b")
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(config["char_ngrams"]), sublinear_tf=True)
    classifier = LogisticRegression(C=config["C"], class_weight="balanced", max_iter=5000,
                                    random_state=config["random_seed"])
    return make_pipeline(make_union(words, chars), classifier)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    """Sets `intent` and `intent_ranking` (the ten most likely) from the message text."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"word_ngrams": [1, 2], "char_ngrams": [2, 5], "C": 120.0, "random_seed": 42, "ranking_length": 10}

    def __init__(self, config: Dict[Text, Any], storage: ModelStorage, resource: Resource,
                 model: Optional[Pipeline] = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self.storage, self.resource, self.model = storage, resource, model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LinearIntentClassifier":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LinearIntentClassifier":
        with model_storage.read_from(resource) as directory:
            path = directory / FILE
            unknown = set(sio.get_untrusted_types(file=path)) - TRUSTED
            if unknown:
                raise ValueError(f"{path} holds types this classifier never stores: {sorted(unknown)}")
            return cls(config, model_storage, resource, sio.load(path, trusted=sorted(TRUSTED)))

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT)]
        self.model = build_model(self.config).fit([e.get(TEXT) for e in examples],
                                                  [e.get(INTENT) for e in examples])
        with self.storage.write_to(self.resource) as directory:
            sio.dump(self.model, directory / FILE)
        return self.resource

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None or not messages:
            return messages
        probabilities = self.model.predict_proba([m.get(TEXT) or "" for m in messages])
        names = self.model.classes_
        for message, row in zip(messages, probabilities, strict=True):
            order = np.argsort(-row, kind="stable")[: self.config["ranking_length"]]
            ranking = [{"name": str(names[i]), "confidence": float(row[i])} for i in order]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
