"""Quality report: the trained model on the frozen NLU test set (tests/nlu/test_nlu.yml: per-intent
F1, macro F1, confusion pairs), intents on a held-out split and by 3-fold cross-validation, the crisis
safety net per tier on its tuning corpus and on the frozen held-out part, alone
(core.safety.tier) and through the trained model (NLU pipeline with
components.crisis_override: does the message get its tier's intent?), and listening ("Feeling
heard"): how often the noticing reply names what a good listener names first, on the tuning
part (tests/corpora/listening.yml) and the frozen held-out part (tests/corpora/sharing_heldout.yml).

Alone: ``.venv/bin/python -m bench.quality [--model models/reflectie.tar.gz] [--crisis-only]
[--listening-only] [--fixed-only test|dev]`` (``--fixed-only dev`` is the quick tuning probe).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

from bench.procs import RASA, ROOT, base_env, run_timed

CORPUS = ROOT / "tests" / "corpora" / "crisis.yml"
HELD_OUT = ROOT / "tests" / "corpora" / "crisis_heldout.yml"  # frozen: never tuned on
TRAINING = ROOT / "data" / "nlu"
NLU_TEST = ROOT / "tests" / "nlu" / "test_nlu.yml"  # frozen: never trained or tuned on
NLU_DEV = ROOT / "tests" / "nlu" / "dev_nlu.yml"  # tuning happens here
# The safety net (components/crisis_override.py) answers a `crisis` message with its tier's intent;
# any safety tier but "bereaved" is the safety answer a `crisis` message needs.
SAFETY_ANSWERS = {"crisis_unclear": "crisis", "danger_from_others": "crisis"}
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\{[^}]*\}|\([^)]*\))")


def nlu_examples(*paths: Path) -> List[Tuple[str, str]]:
    """(text, intent) of every intent example in the Rasa YAML files (or folders of them), entity
    annotations reduced to their text."""
    files = [f for p in paths for f in (sorted(Path(p).glob("*.yml")) if Path(p).is_dir() else [Path(p)])]
    examples = []
    for path in files:
        for item in (yaml.safe_load(path.read_text()) or {}).get("nlu") or []:
            if "intent" not in item:
                continue
            for line in str(item.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    examples.append((_ANNOTATION.sub(r"\1", line[2:]).strip(), item["intent"]))
    return examples


def near_duplicates(texts: List[str], training: List[str], ratio: float = 0.9) -> List[Tuple[str, str, float]]:
    """(text, training example, similarity) for every text with a training example whose
    difflib ratio is at least ``ratio`` (lower-cased, whitespace normalised). The cheap upper
    bounds (real_quick_ratio, quick_ratio) skip most pairs before the real ratio is computed."""
    from difflib import SequenceMatcher

    def norm(text: str) -> str:
        return " ".join(text.lower().split())

    pool = sorted({norm(t) for t in training}, key=len)
    found = []
    for text in texts:
        probe = norm(text)
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(probe)  # seq2 is the one SequenceMatcher indexes: index it once
        for other in pool:
            # ratio = 2M / (a + b) <= 2 min(a, b) / (a + b): too different lengths never reach it
            if 2 * min(len(other), len(probe)) < ratio * (len(other) + len(probe)):
                continue
            matcher.set_seq1(other)
            if matcher.real_quick_ratio() >= ratio and matcher.quick_ratio() >= ratio:
                score = matcher.ratio()
                if score >= ratio:
                    found.append((text, other, round(score, 3)))
    return found


def intent_scores(gold: List[str], predicted: List[str]) -> Dict[str, Any]:
    """Per-intent precision/recall/F1 over the gold intents (a prediction outside them, like
    `nlu_fallback`, only counts as a miss), macro F1, accuracy and the confusion pairs
    (gold, predicted, count), most frequent first."""
    from collections import Counter

    from sklearn.metrics import accuracy_score, precision_recall_fscore_support

    labels = sorted(set(gold))
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=labels, zero_division=0)
    per_intent = {name: {"precision": round(float(p), 3), "recall": round(float(r), 3),
                         "f1-score": round(float(f), 3), "support": int(n)}
                  for name, p, r, f, n in zip(labels, precision, recall, f1, support, strict=True)}
    confusions = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    return {"macro_f1": round(float(sum(f1) / len(labels)), 4),
            "accuracy": round(float(accuracy_score(gold, predicted)), 4),
            "per_intent": per_intent,
            "confusions": [[g, p, n] for (g, p), n in confusions.most_common()]}


def predict_intents(agent, texts: List[str]) -> List[str]:
    """The final intent of each text after every NLU component (safety-net tiers that answer a
    `crisis` message as such are named `crisis`)."""
    async def parse() -> List[str]:
        return [(await agent.parse_message(text))["intent"]["name"] for text in texts]

    return [SAFETY_ANSWERS.get(name, name) for name in asyncio.run(parse())]


def fixed_set(agent, path: Path = NLU_TEST) -> Dict[str, Any]:
    """Scores of the trained model on a fixed NLU set (default: the frozen test set), with
    every miss (text, gold, predicted)."""
    examples = nlu_examples(path)
    texts, gold = [t for t, _ in examples], [g for _, g in examples]
    predicted = predict_intents(agent, texts)
    result = intent_scores(gold, predicted)
    result["misses"] = [[t, g, p] for t, g, p in zip(texts, gold, predicted, strict=True) if g != p]
    return result


def _intent_table(report_path: Path) -> Dict[str, Any]:
    report = json.loads(report_path.read_text())
    per_intent = {
        name: {k: round(v[k], 3) for k in ("precision", "recall", "f1-score", "support")}
        for name, v in report.items()
        if isinstance(v, dict) and "precision" in v and name not in ("micro avg", "macro avg",
                                                                       "weighted avg")
    }
    summary = {k: round(report[k]["f1-score"], 3) for k in ("macro avg", "weighted avg")
               if k in report}
    summary["accuracy"] = round(report.get("accuracy", float("nan")), 3)
    return {"summary": summary, "per_intent": per_intent}


def held_out(tmp: Path, log_dir: Path) -> Dict[str, Any]:
    split, env, log = tmp / "split", base_env(), log_dir / "nlu-heldout.log"
    run_timed([RASA, "data", "split", "nlu", "-u", "data/nlu", "--random-seed", "42",
               "--training-fraction", "0.8", "--out", str(split)], ROOT, env, log)
    run_timed([RASA, "train", "nlu", "--nlu", str(split / "training_data.yml"), "--out",
               str(split / "model"), "--fixed-model-name", "nlu"], ROOT, env, log)
    run_timed([RASA, "test", "nlu", "--nlu", str(split / "test_data.yml"), "--model",
               str(split / "model" / "nlu.tar.gz"), "--out", str(tmp / "heldout")], ROOT, env, log)
    return _intent_table(tmp / "heldout" / "intent_report.json")


def cross_validation(tmp: Path, log_dir: Path, folds: int = 3) -> Dict[str, Any]:
    out = tmp / "cv"
    run_timed([RASA, "test", "nlu", "--nlu", "data/nlu", "--config", "config.yml",
               "--cross-validation", "--folds", str(folds), "--out", str(out)],
              ROOT, base_env(), log_dir / "nlu-cv.log")
    result = _intent_table(out / "intent_report.json")
    result["folds"] = folds
    return result


def _tier_table(corpus: Dict[str, List[str]], got: List[str]) -> Dict[str, Any]:
    """Per tier: how many got exactly their tier, and the misses (text, what it got)."""
    table, i = {}, 0
    for tier, items in corpus.items():
        mine = got[i:i + len(items)]
        i += len(items)
        misses = [[t, g] for t, g in zip(items, mine, strict=False) if g != tier]
        table[tier] = {"n": len(items), "correct": len(items) - len(misses),
                       "rate": round((len(items) - len(misses)) / len(items), 3), "misses": misses}
    benign = table.get("benign")
    if benign:  # false positives: a benign message that got any safety answer
        benign["false_positives"] = len(benign["misses"])
    return table


def _nlu_gate(agent, corpus: Dict[str, List[str]]) -> Dict[str, Any]:
    """What an NLU-only crisis gate would do: the classifier's own `crisis` confidence (the net switched
    off) per message; per threshold, the safety-tier messages it would catch on its own and the
    benign messages it would flag."""
    from unittest import mock

    import components.crisis_override as override
    from core.safety import BENIGN, Assessment

    seen: Dict[str, float] = {}

    def record(message, skip=()):
        intent = message.get("intent") or {}
        if intent.get("name") == "crisis":
            seen[message.get("text")] = intent.get("confidence", 0)
        return demote(message, skip)

    demote = override.demote_intent

    async def scores(texts: List[str]) -> List[float]:
        with mock.patch.object(override, "assess", lambda text: Assessment(BENIGN, frozenset())), \
                mock.patch.object(override, "demote_intent", record):
            for text in texts:
                await agent.parse_message(text)
        return [seen.get(t, 0.0) for t in texts]

    got = {tier: asyncio.run(scores(items)) for tier, items in corpus.items()}
    table = {}
    for threshold in (0.5, 0.9, 0.99, 0.999):
        caught = sum(s >= threshold for tier in ("crisis", "unclear") for s in got[tier])
        total = len(corpus["crisis"]) + len(corpus["unclear"])
        table[str(threshold)] = {"crisis_and_unclear_caught": f"{caught}/{total}",
                                 "benign_flagged": sum(s >= threshold for s in got["benign"])}
    return {"per_threshold": table, "highest_benign_score": round(max(got["benign"] or [0]), 4)}


def load_model(model: Optional[str]):
    """The trained assistant (a Rasa Agent) at ``model``, or None without one."""
    if not model:
        return None
    from rasa.core.agent import load_agent

    return asyncio.run(load_agent(model_path=model))


def crisis_net(model: Optional[str], agent=None) -> Dict[str, Any]:
    """The safety net per tier on the tuning corpus and on the frozen held-out part, alone and
    through the trained model (NLU pipeline with components.crisis_override)."""
    from components.crisis_override import TIER_INTENTS
    from core.safety import tier

    intent_tier = {v: k for k, v in TIER_INTENTS.items()}
    result: Dict[str, Any] = {}
    if agent is None:
        agent = load_model(model)

    async def tiers(texts: List[str]) -> List[str]:
        return [intent_tier.get((await agent.parse_message(t))["intent"]["name"], "benign") for t in texts]

    for name, path in (("tuning", CORPUS), ("held_out", HELD_OUT)):
        corpus = yaml.safe_load(path.read_text())
        texts = [t for items in corpus.values() for t in items]
        result[name] = {"safety_net": _tier_table(corpus, [tier(t) for t in texts])}
        if agent is not None:
            result[name]["through_model"] = _tier_table(corpus, asyncio.run(tiers(texts)))
        if agent is not None and name == "tuning":
            result["nlu_gate"] = _nlu_gate(agent, corpus)
    return result


def listening() -> Dict[str, Any]:
    """The noticing engine's reply to each listening message (as `action_notice` composes it for a
    first message), on both parts: named / total and every miss."""
    from actions.noticing import (
        respond,  # the engine itself; the model-level floors are in make test
    )
    from bench.listening import HELD_OUT, TUNING, messages, names_rate

    def say(text: str) -> str:
        return respond(text).text

    return {"tuning": names_rate(say, messages(TUNING)), "held_out": names_rate(say, messages(HELD_OUT))}


def listening_markdown(result: Dict[str, Any]) -> List[str]:
    lines = ["## Listening (\"Feeling heard\")", "",
             "Does the noticing reply name what a good listener names first (the event, else the feeling, "
             "else an absolute in its context or a time or place)? Tuning part: tests/corpora/listening.yml. "
             "Frozen held-out part (never tuned on): tests/corpora/sharing_heldout.yml.", "",
             "| part | named | n | rate |", "|---|---:|---:|---:|"]
    for name, label in (("tuning", "tuning"), ("held_out", "held-out")):
        part = result[name]
        lines.append(f"| {label} | {part['named']} | {part['total']} | {part['rate']} |")
    for name, label in (("tuning", "tuning"), ("held_out", "held-out")):
        misses = result[name]["misses"]
        if misses:
            lines += ["", f"Misses ({label}):"]
            lines += [f"- “{m['text']}” {m['names']} → “{m['reply']}”" for m in misses]
    return lines + [""]


def quality_report(model: Optional[str], tmp: Path, log_dir: Path) -> Dict[str, Any]:
    agent = load_model(model)
    return {
        "test_set": fixed_set(agent) if agent is not None else None,
        "held_out": held_out(tmp, log_dir),
        "cross_validation": cross_validation(tmp, log_dir),
        "crisis": crisis_net(model, agent),
        "listening": listening(),
    }


def fixed_set_markdown(result: Optional[Dict[str, Any]], path: Path = NLU_TEST) -> List[str]:
    """Per-intent scores of the trained model on a fixed NLU set and its confusion pairs."""
    name = path.relative_to(ROOT)
    if result is None:
        return [f"## Fixed NLU set ({name})", "", "No trained model: run `make train` first.", ""]
    lines = [f"## Fixed NLU set ({name})", "",
             f"The trained model (models/reflectie.tar.gz), final intent after every NLU component "
             f"(`nlu_fallback` is a miss): macro F1 {result['macro_f1']}, accuracy {result['accuracy']}, "
             f"{sum(r['support'] for r in result['per_intent'].values())} messages.", "",
             "| intent | precision | recall | F1 | n |", "|---|---:|---:|---:|---:|"]
    for intent, row in sorted(result["per_intent"].items()):
        lines.append(f"| {intent} | {row['precision']} | {row['recall']} | {row['f1-score']} | {row['support']} |")
    lines += ["", "Confusion pairs (gold → predicted):", "", "| gold | predicted | count |", "|---|---|---:|"]
    lines += [f"| {gold} | {predicted} | {n} |" for gold, predicted, n in result["confusions"]]
    return lines + [""]


def as_markdown(quality: Dict[str, Any]) -> str:
    held, cv = quality["held_out"], quality["cross_validation"]
    lines = fixed_set_markdown(quality.get("test_set")) + ["## NLU quality", "",
             f"Held-out 20% (seed 42): accuracy {held['summary']['accuracy']}, "
             f"macro F1 {held['summary'].get('macro avg')}, weighted F1 "
             f"{held['summary'].get('weighted avg')}. {cv['folds']}-fold cross-validation: "
             f"accuracy {cv['summary']['accuracy']}, macro F1 {cv['summary'].get('macro avg')}.",
             "", "| intent | precision | recall | F1 | n (held-out) | F1 (cross-val.) |",
             "|---|---:|---:|---:|---:|---:|"]
    for name, row in sorted(held["per_intent"].items()):
        cv_f1 = cv["per_intent"].get(name, {}).get("f1-score", "-")
        lines.append(f"| {name} | {row['precision']} | {row['recall']} | {row['f1-score']} | "
                     f"{row['support']} | {cv_f1} |")
    return "\n".join(lines + [""] + crisis_markdown(quality["crisis"]) + listening_markdown(quality["listening"]))


def crisis_markdown(crisis: Dict[str, Any]) -> List[str]:
    """Per corpus and tier: correct / n, alone and through the model; every miss listed."""
    lines = ["## Crisis safety net", "",
             "Tuning corpus: tests/corpora/crisis.yml. Frozen held-out part (never tuned on): "
             "tests/corpora/crisis_heldout.yml. A message counts as correct when it gets exactly "
             "its tier's answer; a benign message that gets any safety answer is a false positive.", ""]
    for name, label in (("tuning", "tuning corpus"), ("held_out", "held-out part")):
        part = crisis[name]
        lines += [f"### {label}", "", "| tier | n | net alone | through the model |", "|---|---:|---:|---:|"]
        for tier, row in part["safety_net"].items():
            model = part.get("through_model", {}).get(tier)
            through = f"{model['correct']} ({model['rate']})" if model else "-"
            lines.append(f"| {tier} | {row['n']} | {row['correct']} ({row['rate']}) | {through} |")
        shown = part.get("through_model", part["safety_net"])
        misses = [(tier, t, g) for tier, row in shown.items() for t, g in row["misses"]]
        if misses:
            lines += ["", "Misses" + (" through the model" if "through_model" in part else "") + ":"]
            lines += [f"- {tier} → {got}: “{text}”" for tier, text, got in misses]
        lines.append("")
    gate = crisis.get("nlu_gate")
    if gate:
        lines += ["### An NLU-only crisis gate (measured, not used)", "",
                  "The classifier's own `crisis` guess with the net switched off, on the tuning corpus: "
                  + "; ".join(f"≥ {t}: catches {r['crisis_and_unclear_caught']} crisis/unclear messages, "
                              f"flags {r['benign_flagged']} benign ones" for t, r in gate["per_threshold"].items())
                  + f". Highest score on a benign message: {gate['highest_benign_score']}. No threshold "
                  "is free of false alarms, so components/crisis_override.py lets the net decide.", ""]
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="NLU and crisis-net quality report")
    parser.add_argument("--model", default=str(ROOT / "models" / "reflectie.tar.gz"))
    parser.add_argument("--crisis-only", action="store_true")
    parser.add_argument("--listening-only", action="store_true")
    parser.add_argument("--fixed-only", choices=["test", "dev"],
                        help="only the trained model on the frozen test set or on the dev set")
    args = parser.parse_args(argv)
    results = ROOT / "bench" / "results"
    log_dir = results / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    model = args.model if Path(args.model).exists() else None
    if args.listening_only:
        heard = listening()
        (results / "listening.json").write_text(json.dumps(heard, indent=2, ensure_ascii=False))
        print("\n".join(listening_markdown(heard)))
        return 0
    if args.fixed_only:
        path = NLU_TEST if args.fixed_only == "test" else NLU_DEV
        scores = fixed_set(load_model(model), path) if model else None
        (results / f"nlu_{args.fixed_only}.json").write_text(json.dumps(scores, indent=2, ensure_ascii=False))
        print("\n".join(fixed_set_markdown(scores, path)))
        return 0
    if args.crisis_only:
        crisis = crisis_net(model)
        (results / "crisis.json").write_text(json.dumps(crisis, indent=2, ensure_ascii=False))
        print("\n".join(crisis_markdown(crisis)))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-quality-") as tmp:
        report = quality_report(model, Path(tmp), log_dir)
    (results / "quality.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    markdown = as_markdown(report)
    (results / "quality.md").write_text(markdown + "\n")
    print(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
