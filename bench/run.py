"""`make bench`: the assistant against a default `rasa init` bot, same machine, same client.

Steps (all on loopback, all in a temporary folder except the results):

1. training time: the project (`rasa train --force`) and the baseline (`rasa init --no-prompt`,
   which scaffolds and trains the default bot);
2. serving: the project's action server + `rasa run` (SQLite tracker store, in-process lock
   store: the `make run` defaults, REST channel `channels.rest.RestInput`) and the baseline's
   `rasa run`; time until ready;
3. load over REST: 1 person, then 20 people at once (bench/load.py); p50/p95 per turn and
   messages per second; memory (current and peak RSS) of each server afterwards;
4. profile (py-spy, when installed): where a turn's time goes on both project servers;
5. a flat turn (bench/flat.py): one person, 400 messages in one session, median per turn for
   turns 1–100 … 301–400 (`python -m bench.flat` runs only this, in a few minutes);
6. the Dutch spaCy pipeline alone per message, as the Rasa server runs it (no parser,
   lower-cased) and as the action server does (bench/pipeline_cost.py);
7. quality (bench/quality.py): NLU held-out report, 3-fold cross-validation, crisis net.

Results: bench/results/latest.json and latest.md (the table is printed too).
Options: --model PATH (skip training the project, serve this model), --no-quality,
--turns N (turns per person, default 20), --flat-turns N (default 400; 0 skips it),
--keep (keep the temporary folder).
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, Optional

from bench.flat import flat_turns
from bench.load import BASELINE_SCRIPT, PROJECT_SCRIPT, run_load
from bench.procs import BIN, RASA, ROOT, base_env, memory_mb, run_timed
from core.keys import action_token, create_key_file, load_keys
from core.settings import Settings
from testkit.services import ActionServer, RasaServer, Service

RESULTS = ROOT / "bench" / "results"
TARGETS = {  # from issue 8
    "p95_1_user_ratio_max": 1.5,
    "throughput_20_users_ratio_min": 0.8,
    "rasa_rss_mb_max": 1500,
    "actions_rss_mb_max": 400,
    "train_s_max": 240,
    "ready_s_max": 60,
    "flat_turn_ratio_max": 1.2,  # issue 16: median(turns 301–400) / median(turns 1–100)
}


def train_project(tmp: Path, log_dir: Path) -> Dict[str, Any]:
    out = tmp / "models"
    seconds = run_timed([RASA, "train", "--force", "--fixed-model-name", "reflectie",
                         "--out", str(out)], ROOT, base_env(), log_dir / "train-project.log")
    return {"train_s": round(seconds, 1), "model": str(out / "reflectie.tar.gz")}


def init_baseline(tmp: Path, log_dir: Path) -> Dict[str, Any]:
    folder = tmp / "baseline"
    folder.mkdir()
    seconds = run_timed([RASA, "init", "--no-prompt", "--init-dir", str(folder)], folder,
                        base_env({"PYTHONPATH": str(folder)}), log_dir / "train-baseline.log")
    model = sorted((folder / "models").glob("*.tar.gz"))[-1]
    return {"train_s": round(seconds, 1), "model": str(model), "dir": str(folder)}


def serve_project(model: str, tmp: Path, log_dir: Path) -> Dict[str, Service]:
    data = tmp / "var"
    create_key_file(data / "keys.json")
    env = base_env({
        "TRACKER_DB_URL": f"sqlite:///{data}/tracker.db",
        "REFLECTION_DB_URL": f"sqlite:///{data}/reflections.db",
        "REFLECTION_KEY_FILE": str(data / "keys.json"),
        "REFLECTION_SPOOL_DIR": str(data / "spool"),
        "RATE_LIMIT_PER_MINUTE": "0",  # measured replies must never be the rate-limit text
        "RATE_LIMIT_PER_IP_PER_MINUTE": "0",
    })
    env["ACTION_SERVER_TOKEN"] = action_token(load_keys(Settings.from_env(env)))
    actions = ActionServer(log_dir / "project-actions.log").start(env, timeout=300)
    env["ACTION_SERVER_URL"] = actions.webhook_url
    (tmp / "credentials.yml").write_text("channels.rest.RestInput:\n")
    rasa = RasaServer(log_dir / "project-rasa.log")
    try:
        rasa.launch(env, model=model, credentials=tmp / "credentials.yml").wait("/", timeout=300)
    except BaseException:
        actions.stop()
        raise
    return {"rasa": rasa, "actions": actions}


def serve_baseline(model: str, folder: Path, log_dir: Path) -> Dict[str, Service]:
    (folder / "bench-credentials.yml").write_text("rest:\n")
    rasa = RasaServer(log_dir / "baseline-rasa.log")
    rasa.launch(base_env({"PYTHONPATH": str(folder)}), model=model,
                credentials="bench-credentials.yml", endpoints=None, cwd=folder)
    rasa.wait("/", timeout=300)
    return {"rasa": rasa}


def measure(name: str, servers: Dict[str, Service], script, turns: int) -> Dict[str, Any]:
    url = servers["rasa"].url
    run_load(url, script, users=2, turns_per_user=len(script))  # warm-up (lazy imports, caches)
    print(f"  {name}: 1 person ...", flush=True)
    one = run_load(url, script, users=1, turns_per_user=turns * 2)
    print(f"  {name}: 20 people ...", flush=True)
    twenty = run_load(url, script, users=20, turns_per_user=turns)
    result = {"one_user": one, "twenty_users": twenty,
              "ready_s": round(servers["rasa"].ready_s, 1)}
    for role, server in servers.items():
        result[f"{role}_memory"] = memory_mb(server)
    if "actions" in servers:
        result["actions_ready_s"] = round(servers["actions"].ready_s, 1)
    return result


def profile(servers: Dict[str, Service], script, log_dir: Path, seconds: int = 25) -> Optional[Dict]:
    """py-spy on both project servers while one person chats; collapsed stacks to files."""
    spy = shutil.which("py-spy") or (str(BIN / "py-spy") if (BIN / "py-spy").exists() else None)
    if spy is None:
        return None
    outputs = {}
    recorders = []
    for role, server in servers.items():
        out = log_dir / f"profile-{role}.txt"
        outputs[role] = out
        recorders.append(subprocess.Popen(
            [spy, "record", "-p", str(server.proc.pid), "-d", str(seconds), "-r", "100",
             "--format", "raw", "-o", str(out)],
            stdout=subprocess.DEVNULL, stderr=open(log_dir / f"py-spy-{role}.log", "wb")))
    time.sleep(1)
    deadline = time.time() + seconds - 2
    turns = 0
    while time.time() < deadline:
        load = run_load(servers["rasa"].url, script, users=1, turns_per_user=len(script))
        turns += load["turns"]
    for recorder in recorders:
        recorder.wait(timeout=120)
    from bench.profile_summary import summarise

    return {role: summarise(path, turns) for role, path in outputs.items() if path.exists()}


def ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else float("nan")


def table(results: Dict[str, Any]) -> str:
    p, b = results["project"], results["baseline"]
    rows = [
        ("p50 per turn, 1 person (ms)", p["one_user"]["p50_ms"], b["one_user"]["p50_ms"]),
        ("p95 per turn, 1 person (ms)", p["one_user"]["p95_ms"], b["one_user"]["p95_ms"]),
        ("p50 per turn, 20 people (ms)", p["twenty_users"]["p50_ms"], b["twenty_users"]["p50_ms"]),
        ("p95 per turn, 20 people (ms)", p["twenty_users"]["p95_ms"], b["twenty_users"]["p95_ms"]),
        ("messages/s, 20 people", p["twenty_users"]["msgs_per_s"], b["twenty_users"]["msgs_per_s"]),
        ("Rasa server RSS now / peak (MB)",
         f'{p["rasa_memory"]["rss_mb"]:.0f} / {p["rasa_memory"]["peak_rss_mb"]:.0f}',
         f'{b["rasa_memory"]["rss_mb"]:.0f} / {b["rasa_memory"]["peak_rss_mb"]:.0f}'),
        ("action server RSS now / peak (MB)",
         f'{p["actions_memory"]["rss_mb"]:.0f} / {p["actions_memory"]["peak_rss_mb"]:.0f}', "-"),
        ("Rasa server ready (s)", p["ready_s"], b["ready_s"]),
        ("training (s)", p.get("train_s", "-"), b["train_s"]),
    ]
    lines = ["| measure | assistant | baseline (`rasa init`) | ratio |", "|---|---:|---:|---:|"]
    for name, mine, theirs in rows:
        both = all(isinstance(v, (int, float)) for v in (mine, theirs))
        lines.append(f"| {name} | {mine} | {theirs} | {ratio(mine, theirs) if both else '-'} |")
    if "spacy_pipeline" in results:
        sp = results["spacy_pipeline"]
        lines.append(f'| spaCy pipeline per message, median (ms): Rasa server / action server '
                     f'| {sp["rasa_server"]["median_ms"]} / {sp["action_server"]["median_ms"]} | - | - |')
    checks = results["targets"]
    lines += ["", "| target (issue 8) | measured | holds |", "|---|---:|:---:|"]
    for name, (measured, holds) in checks.items():
        lines.append(f"| {name} | {measured} | {'yes' if holds else '**no**'} |")
    def count(r, e):
        return sum(r[k][e] for k in ("one_user", "twenty_users"))

    lines.append(f"\nHTTP errors: assistant {count(p, 'http_errors')}, baseline "
                 f"{count(b, 'http_errors')}. Turns without an answer: assistant "
                 f"{count(p, 'silent_turns')}, baseline {count(b, 'silent_turns')} (the default bot "
                 f"has no answer to some scripted turns). Machine: {results['machine']}.")
    return "\n".join(lines)


def check_targets(results: Dict[str, Any]) -> Dict[str, Any]:
    p, b = results["project"], results["baseline"]
    p95 = ratio(p["one_user"]["p95_ms"], b["one_user"]["p95_ms"])
    tput = ratio(p["twenty_users"]["msgs_per_s"], b["twenty_users"]["msgs_per_s"])
    checks = {
        "p95 1 person ≤ 1.5× baseline": (f"{p95}×", p95 <= TARGETS["p95_1_user_ratio_max"]),
        "msgs/s 20 people ≥ 0.8× baseline": (f"{tput}×", tput >= TARGETS["throughput_20_users_ratio_min"]),
        "Rasa server peak RSS < 1.5 GB": (f'{p["rasa_memory"]["peak_rss_mb"]:.0f} MB',
                                          p["rasa_memory"]["peak_rss_mb"] < TARGETS["rasa_rss_mb_max"]),
        "action server peak RSS < 400 MB": (f'{p["actions_memory"]["peak_rss_mb"]:.0f} MB',
                                            p["actions_memory"]["peak_rss_mb"] < TARGETS["actions_rss_mb_max"]),
        "server ready < 60 s": (f'{p["ready_s"]} s', p["ready_s"] < TARGETS["ready_s_max"]),
        "no lost turns (rate-limit or turn-failed text)": (
            str(sum(p[k].get("lost_turns", 0) for k in ("one_user", "twenty_users"))),
            all(p[k].get("lost_turns", 0) == 0 for k in ("one_user", "twenty_users"))),
    }
    if p.get("flat"):
        flat = p["flat"]
        checks["flat turn: median(last 100) ≤ 1.2× median(first 100)"] = (
            f'{flat["last_to_first"]}×', flat["last_to_first"] <= TARGETS["flat_turn_ratio_max"])
    if "train_s" in p:
        checks["full training < 4 min"] = (f'{p["train_s"]} s', p["train_s"] < TARGETS["train_s_max"])
    return checks


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="serve this project model instead of training one")
    parser.add_argument("--turns", type=int, default=20, help="turns per person at 20 people")
    parser.add_argument("--no-quality", action="store_true", help="skip the NLU/crisis report")
    parser.add_argument("--flat-turns", type=int, default=400,
                        help="messages in the one-session flat-turn run (0: skip it)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--report-only", action="store_true",
                        help="rewrite latest.md from latest.json and the saved profiles")
    args = parser.parse_args(argv)
    if args.report_only:
        return write_report(json.loads((RESULTS / "latest.json").read_text()))

    RESULTS.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    log_dir = RESULTS / "logs"
    log_dir.mkdir(exist_ok=True)
    results: Dict[str, Any] = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": f"{platform.machine()}, {_cores()} cores, load {_load()} at start",
    }
    servers: Dict[str, Service] = {}
    try:
        print("Training the baseline (rasa init) ...", flush=True)
        baseline = init_baseline(tmp, log_dir)
        if args.model:
            project = {"model": str(Path(args.model).resolve())}
        else:
            print("Training the assistant (rasa train --force) ...", flush=True)
            project = train_project(tmp, log_dir)

        print("Serving the baseline ...", flush=True)
        servers = serve_baseline(baseline["model"], Path(baseline["dir"]), log_dir)
        baseline.update(measure("baseline", servers, BASELINE_SCRIPT, args.turns))
        servers["rasa"].stop()

        print("Serving the assistant ...", flush=True)
        servers = serve_project(project["model"], tmp, log_dir)
        project.update(measure("assistant", servers, PROJECT_SCRIPT, args.turns))
        print("Profiling a turn (py-spy) ...", flush=True)
        project["profile"] = profile(servers, PROJECT_SCRIPT, log_dir)
        if args.flat_turns:
            print(f"A flat turn: one person, {args.flat_turns} messages in one session ...", flush=True)
            project["flat"] = flat_turns(servers["rasa"].url, args.flat_turns,
                                         tracker_db=tmp / "var" / "tracker.db")
        for server in servers.values():
            server.stop()
        servers = {}

        results["project"], results["baseline"] = project, baseline
        results["targets"] = check_targets(results)
        from bench.pipeline_cost import measure as pipeline_cost

        print("Per-turn cost of the Dutch spaCy pipeline (Rasa server / action server) ...", flush=True)
        results["spacy_pipeline"] = pipeline_cost()
        if not args.no_quality:
            from bench.quality import quality_report

            print("NLU and crisis-net quality ...", flush=True)
            results["quality"] = quality_report(project["model"], tmp, log_dir)
    finally:
        for server in servers.values():
            server.stop()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    return write_report(results)


def write_report(results: Dict[str, Any]) -> int:
    profile = results.get("project", {}).get("profile")
    if profile:  # re-read the raw stacks, so the summary follows bench/profile_summary.py
        from bench.profile_summary import summarise

        for role, old in profile.items():
            raw = RESULTS / "logs" / f"profile-{role}.txt"
            if raw.exists():
                profile[role] = summarise(raw, old["turns"])
    markdown = "# Benchmark\n\n" + table(results)
    if results.get("project", {}).get("flat"):
        from bench.flat import as_markdown as flat_markdown

        markdown += "\n\n" + flat_markdown(results["project"]["flat"])
    if results.get("project", {}).get("profile"):
        from bench.profile_summary import as_markdown

        markdown += "\n\n" + as_markdown(results["project"]["profile"])
    if results.get("quality"):
        from bench.quality import as_markdown as quality_markdown

        markdown += "\n\n" + quality_markdown(results["quality"])
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    (RESULTS / "latest.md").write_text(markdown + "\n")
    print(markdown)
    print(f"\nWritten: {RESULTS / 'latest.json'}, {RESULTS / 'latest.md'}")
    lost = [k for k in ("one_user", "twenty_users")
            if results.get("project", {}).get(k, {}).get("lost_turns")]
    if lost:
        print(f"FAILED: replies with the rate-limit or turn-failed text in {', '.join(lost)}")
        return 1
    return 0


def _cores() -> int:
    import os

    return os.cpu_count() or 0


def _load() -> str:
    import os

    return " ".join(f"{v:.2f}" for v in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
