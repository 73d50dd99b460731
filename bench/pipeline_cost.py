"""Per-turn cost of the Dutch spaCy pipeline, as each server runs it.

- Rasa server: `SpacyNLP` loads the light NLU pipeline build/spacy_nl_nlu (without a parser;
  case_sensitive: false lower-cases the text);
- action server: the full pipeline (with the parser), on the text as typed.
Median and p95 milliseconds per message over the conversation corpus' user turns, one message at
a time (as in a turn), after a warm-up. `python -m bench.pipeline_cost`.
"""
import json
import statistics
import time
from pathlib import Path
from typing import Dict, List

import spacy

ROOT = Path(__file__).resolve().parent.parent
PIPELINE = ROOT / "build" / "spacy_nl"
NLU_PIPELINE = ROOT / "build" / "spacy_nl_nlu"
MESSAGES = [
    "hoi", "ik voel me zo alleen de laatste tijd",
    "Op het feest van mijn zus voelde ik me eenzaam, niemand vroeg iets.",
    "mijn collega's lunchen altijd samen en ik zit er maar een beetje bij",
    "Ik weet het niet meer. Niemand belt me ooit en ik denk dat het aan mij ligt.",
    "ja", "dat klopt wel", "ik wil de vier lijstjes doen",
    "Sinds ik verhuisd ben ken ik hier eigenlijk niemand, en mijn vrienden wonen ver weg.",
    "mijn moeder zegt dat ik meer moet buitenkomen maar dat is makkelijker gezegd dan gedaan",
]


def _times(nlp, texts: List[str], rounds: int = 5) -> Dict[str, float]:
    for text in texts:  # warm-up
        nlp(text)
    samples = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            nlp(text)
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {"median_ms": round(statistics.median(samples), 2),
            "p95_ms": round(samples[int(0.95 * (len(samples) - 1))], 2)}


def measure(path: Path = PIPELINE, nlu_path: Path = NLU_PIPELINE) -> Dict[str, Dict]:
    rasa = spacy.load(nlu_path, disable=["parser"])
    full = spacy.load(path)
    return {
        "rasa_server": {"components": rasa.pipe_names, **_times(rasa, [m.lower() for m in MESSAGES])},
        "action_server": {"components": full.pipe_names, **_times(full, MESSAGES)},
        "base": full.meta.get("description", ""),
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
