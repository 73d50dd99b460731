"""Quality report: intents on a held-out split and by 3-fold cross-validation, and the crisis
safety net on tests/corpora/crisis.yml, alone (actions.safety.is_crisis) and through the
trained model (NLU pipeline with components.crisis_override: does the message get the
``crisis`` intent that the "crisis response at any moment" rule answers?).

Alone: ``.venv/bin/python -m bench.quality [--model models/reflectie.tar.gz]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

from bench.procs import RASA, ROOT, base_env, run_timed

CORPUS = ROOT / "tests" / "corpora" / "crisis.yml"


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


def _rates(flags_crisis: List[bool], flags_benign: List[bool]) -> Dict[str, Any]:
    return {
        "recall": round(sum(flags_crisis) / len(flags_crisis), 3),
        "false_positive_rate": round(sum(flags_benign) / len(flags_benign), 3),
        "crisis_n": len(flags_crisis),
        "benign_n": len(flags_benign),
    }


def crisis_net(model: Optional[str]) -> Dict[str, Any]:
    from actions.safety import is_crisis

    corpus = yaml.safe_load(CORPUS.read_text())
    crisis, benign = corpus["crisis"], corpus["benign"]
    result: Dict[str, Any] = {
        "safety_net": _rates([is_crisis(t) for t in crisis], [is_crisis(t) for t in benign]),
    }
    if model:
        from rasa.core.agent import load_agent

        agent = asyncio.run(load_agent(model_path=model))

        async def intents(texts: List[str]) -> List[str]:
            return [(await agent.parse_message(t))["intent"]["name"] for t in texts]

        got_crisis = asyncio.run(intents(crisis))
        got_benign = asyncio.run(intents(benign))
        result["through_model"] = _rates([i == "crisis" for i in got_crisis],
                                         [i == "crisis" for i in got_benign])
        result["through_model"]["missed"] = [t for t, i in zip(crisis, got_crisis) if i != "crisis"]
        result["through_model"]["false_alarms"] = [
            t for t, i in zip(benign, got_benign) if i == "crisis"]
    return result


def quality_report(model: Optional[str], tmp: Path, log_dir: Path) -> Dict[str, Any]:
    return {
        "held_out": held_out(tmp, log_dir),
        "cross_validation": cross_validation(tmp, log_dir),
        "crisis": crisis_net(model),
    }


def as_markdown(quality: Dict[str, Any]) -> str:
    held, cv = quality["held_out"], quality["cross_validation"]
    lines = ["## NLU quality", "",
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
    crisis = quality["crisis"]
    lines += ["", "## Crisis safety net (tests/corpora/crisis.yml)", "",
              "| check | recall (crisis caught) | false-positive rate (benign flagged) |",
              "|---|---:|---:|"]
    for key, label in (("safety_net", "`actions.safety.is_crisis` alone"),
                       ("through_model", "trained model, intent `crisis`")):
        if key in crisis:
            r = crisis[key]
            lines.append(f"| {label} | {r['recall']} ({r['crisis_n']} messages) | "
                         f"{r['false_positive_rate']} ({r['benign_n']} messages) |")
    through = crisis.get("through_model", {})
    for key, label in (("missed", "Missed through the model"),
                       ("false_alarms", "False alarms through the model")):
        if through.get(key):
            lines.append(f"\n{label}: " + "; ".join(f"“{t}”" for t in through[key]))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="NLU and crisis-net quality report")
    parser.add_argument("--model", default=str(ROOT / "models" / "reflectie.tar.gz"))
    parser.add_argument("--crisis-only", action="store_true")
    args = parser.parse_args(argv)
    results = ROOT / "bench" / "results"
    log_dir = results / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    model = args.model if Path(args.model).exists() else None
    if args.crisis_only:
        report = {"crisis": crisis_net(model)}
        print(json.dumps(report, indent=2, ensure_ascii=False))
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
