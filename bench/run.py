"""`make bench`: the assistant against a default `rasa init` bot, same machine, same client.

Steps (all on loopback, all in a temporary folder except the results):

1. training time: the project (`rasa train --force`) and the baseline (`rasa init --no-prompt`,
   which scaffolds and trains the default bot);
2. serving: the project's action server + `rasa run` (SQLite tracker store, in-process lock
   store: the `make run` defaults, REST channel `channels.rest.RestInput`) and the baseline's
   `rasa run`; time until ready;
3. load over REST, both bots served side by side and measured in interleaved rounds
   (assistant, baseline, assistant, …; ``--rounds``, default 3) with the frozen scripts of
   bench/load.py: 1 person, then 20 people at once; p50/p95 per turn and messages per
   second per round, ratios = the median of the rounds' ratios; then 100 people at once for
   two minutes on the assistant (``--crowd-seconds``); memory (current and peak RSS) of
   each server afterwards;
4. profile (py-spy, when installed): where a turn's time goes on both project servers;
5. a flat turn (bench/flat.py): one person, 400 messages in one session, median per turn for
   turns 1–100 … 301–400 (`python -m bench.flat` runs only this, in a few minutes);
6. the Dutch spaCy pipeline alone per message, as the Rasa server runs it (no parser,
   lower-cased) and as the action server does (bench/pipeline_cost.py);
7. quality (bench/quality.py): NLU held-out report, 3-fold cross-validation, crisis net.

Results: bench/results/latest.json and latest.md (the table is printed too).
Options: --model PATH (skip training the project, serve this model), --no-quality,
--turns N (turns per person, default 20), --rounds N (default 3), --crowd-seconds N
(default 120; 0 skips it), --flat-turns N (default 400; 0 skips it), --keep (keep the
temporary folder).
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
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
TARGETS = {  # issue 16 (speed), and issue 8 for readiness and training
    "p50_1_user_ratio_max": 1.0,
    "p95_1_user_ratio_max": 1.0,
    "p95_20_users_ratio_max": 1.0,
    "throughput_20_users_ratio_min": 1.0,
    "rasa_rss_mb_max": 1000,
    "actions_rss_mb_max": 300,
    "train_s_max": 240,
    "ready_s_max": 60,
    "flat_turn_ratio_max": 1.2,  # median(turns 301–400) / median(turns 1–100)
}
CROWD = 100  # people at once in the crowd run


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


def warm_up(servers: Dict[str, Service], script) -> None:
    """Lazy imports and caches are loaded before anything is timed."""
    run_load(servers["rasa"].url, script, users=2, turns_per_user=len(script))


def measure_round(servers: Dict[str, Service], script, turns: int) -> Dict[str, Any]:
    """One round: 1 person (``2 × turns`` turns), then 20 people at once (``turns`` each)."""
    url = servers["rasa"].url
    return {"one_user": run_load(url, script, users=1, turns_per_user=turns * 2),
            "twenty_users": run_load(url, script, users=20, turns_per_user=turns)}


def interleaved(bots: Dict[str, Dict[str, Service]], scripts: Dict[str, Any], turns: int,
                rounds: int) -> Dict[str, list]:
    """``rounds`` rounds of each bot, alternating (assistant, baseline, assistant, …)."""
    measured: Dict[str, list] = {name: [] for name in bots}
    for number in range(1, rounds + 1):
        for name, servers in bots.items():
            print(f"  round {number}/{rounds}: {name} (load {_load()}) ...", flush=True)
            measured[name].append(measure_round(servers, scripts[name], turns))
    return measured


MEASURES = {  # key: (line in the report, load, field)
    "p50_1": ("p50 per turn, 1 person (ms)", "one_user", "p50_ms"),
    "p95_1": ("p95 per turn, 1 person (ms)", "one_user", "p95_ms"),
    "p50_20": ("p50 per turn, 20 people (ms)", "twenty_users", "p50_ms"),
    "p95_20": ("p95 per turn, 20 people (ms)", "twenty_users", "p95_ms"),
    "msgs_20": ("messages/s, 20 people", "twenty_users", "msgs_per_s"),
}


def summarise_rounds(project: list, baseline: list) -> Dict[str, Dict[str, Any]]:
    """Per measure: each bot's median over the rounds and the median of the rounds' ratios."""
    summary = {}
    for key, (_, load, field) in MEASURES.items():
        mine = [r[load][field] for r in project]
        theirs = [r[load][field] for r in baseline]
        summary[key] = {
            "assistant": statistics.median(mine), "baseline": statistics.median(theirs),
            "ratios": [ratio(a, b) for a, b in zip(mine, theirs, strict=True)],
        }
        summary[key]["ratio"] = round(statistics.median(summary[key]["ratios"]), 2)
    return summary


def failures(rounds: list, field: str) -> int:
    return sum(r[k][field] for r in rounds for k in ("one_user", "twenty_users"))


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
    p, b, m = results["project"], results["baseline"], results["measures"]
    lines = [f"Median of {len(p['rounds'])} interleaved rounds (assistant, baseline, …); the "
             "ratio is the median of the rounds' ratios.", "",
             "| measure | assistant | baseline (`rasa init`) | ratio | ratio per round |",
             "|---|---:|---:|---:|---|"]
    for key, (name, _, _) in MEASURES.items():
        row = m[key]
        lines.append(f"| {name} | {row['assistant']} | {row['baseline']} | {row['ratio']} | "
                     f"{', '.join(str(r) for r in row['ratios'])} |")
    rows = [
        ("Rasa server RSS now / peak (MB)",
         f'{p["rasa_memory"]["rss_mb"]:.0f} / {p["rasa_memory"]["peak_rss_mb"]:.0f}',
         f'{b["rasa_memory"]["rss_mb"]:.0f} / {b["rasa_memory"]["peak_rss_mb"]:.0f}',
         ratio(p["rasa_memory"]["peak_rss_mb"], b["rasa_memory"]["peak_rss_mb"])),
        ("action server RSS now / peak (MB)",
         f'{p["actions_memory"]["rss_mb"]:.0f} / {p["actions_memory"]["peak_rss_mb"]:.0f}', "-", "-"),
        ("Rasa server ready (s)", p["ready_s"], b["ready_s"], ratio(p["ready_s"], b["ready_s"])),
        ("training (s)", p.get("train_s", "-"), b["train_s"],
         ratio(p["train_s"], b["train_s"]) if "train_s" in p else "-"),
    ]
    lines += [f"| {name} | {mine} | {theirs} | {r} | |" for name, mine, theirs, r in rows]
    if "spacy_pipeline" in results:
        sp = results["spacy_pipeline"]
        lines.append(f'| spaCy pipeline per message, median (ms): Rasa server / action server '
                     f'| {sp["rasa_server"]["median_ms"]} / {sp["action_server"]["median_ms"]} '
                     '| - | - | |')
    lines += ["", "| round | bot | p50 / p95, 1 person (ms) | p50 / p95, 20 people (ms) | "
              "messages/s, 20 people |", "|---:|---|---:|---:|---:|"]
    for number, (mine, theirs) in enumerate(zip(p["rounds"], b["rounds"], strict=True), 1):
        for name, r in (("assistant", mine), ("baseline", theirs)):
            one, twenty = r["one_user"], r["twenty_users"]
            lines.append(f"| {number} | {name} | {one['p50_ms']} / {one['p95_ms']} | "
                         f"{twenty['p50_ms']} / {twenty['p95_ms']} | {twenty['msgs_per_s']} |")
    crowd = p.get("crowd")
    if crowd:
        lines.append(f"\n{crowd['users']} people at once for {crowd['seconds']} s (assistant): "
                     f"{crowd['turns']} turns, {crowd['msgs_per_s']} messages/s, p50 "
                     f"{crowd['p50_ms']} ms, p95 {crowd['p95_ms']} ms, max {crowd['max_ms']} ms; "
                     f"HTTP errors {crowd['http_errors']}, lost turns "
                     f"{crowd['lost_turns'] + crowd['silent_turns']}.")
    checks = results["targets"]
    lines += ["", "| target (issue 16; readiness and training: issue 8) | measured | holds |",
              "|---|---:|:---:|"]
    for name, (measured, holds) in checks.items():
        lines.append(f"| {name} | {measured} | {'yes' if holds else '**no**'} |")
    lines.append(f"\nHTTP errors in the rounds: assistant {failures(p['rounds'], 'http_errors')}, "
                 f"baseline {failures(b['rounds'], 'http_errors')}. Turns without an answer: "
                 f"assistant {failures(p['rounds'], 'silent_turns')}, baseline "
                 f"{failures(b['rounds'], 'silent_turns')} (the default bot has no answer to some "
                 f"scripted turns). Machine: {results['machine']}.")
    return "\n".join(lines)


def check_targets(results: Dict[str, Any]) -> Dict[str, Any]:
    p, m = results["project"], results["measures"]
    rasa_mb, actions_mb = p["rasa_memory"]["peak_rss_mb"], p["actions_memory"]["peak_rss_mb"]
    lost = failures(p["rounds"], "lost_turns") + failures(p["rounds"], "silent_turns")
    checks = {
        "p50 1 person ≤ 1.0× baseline": (f"{m['p50_1']['ratio']}×",
                                         m["p50_1"]["ratio"] <= TARGETS["p50_1_user_ratio_max"]),
        "p95 1 person ≤ 1.0× baseline": (f"{m['p95_1']['ratio']}×",
                                         m["p95_1"]["ratio"] <= TARGETS["p95_1_user_ratio_max"]),
        "p95 20 people ≤ 1.0× baseline": (f"{m['p95_20']['ratio']}×",
                                          m["p95_20"]["ratio"] <= TARGETS["p95_20_users_ratio_max"]),
        "msgs/s 20 people ≥ 1.0× baseline": (
            f"{m['msgs_20']['ratio']}×",
            m["msgs_20"]["ratio"] >= TARGETS["throughput_20_users_ratio_min"]),
        "Rasa server peak RSS ≤ 1.0 GB": (f"{rasa_mb:.0f} MB", rasa_mb <= TARGETS["rasa_rss_mb_max"]),
        "action server peak RSS ≤ 300 MB": (f"{actions_mb:.0f} MB",
                                            actions_mb <= TARGETS["actions_rss_mb_max"]),
        "server ready < 60 s": (f'{p["ready_s"]} s', p["ready_s"] < TARGETS["ready_s_max"]),
        "rounds: no HTTP errors, no lost turns": (
            f"{failures(p['rounds'], 'http_errors')} / {lost}",
            failures(p["rounds"], "http_errors") == 0 and lost == 0),
    }
    crowd = p.get("crowd")
    if crowd:
        crowd_lost = crowd["lost_turns"] + crowd["silent_turns"]
        checks[f"{crowd['users']} people, {crowd['seconds']:.0f} s: no HTTP errors, no lost turns"] = (
            f"{crowd['http_errors']} / {crowd_lost} (p95 {crowd['p95_ms']} ms)",
            crowd["http_errors"] == 0 and crowd_lost == 0)
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
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per bot")
    parser.add_argument("--crowd-seconds", type=int, default=120,
                        help=f"{CROWD} people at once for this long (0: skip it)")
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

        print("Serving the baseline and the assistant side by side ...", flush=True)
        baseline_servers = serve_baseline(baseline["model"], Path(baseline["dir"]), log_dir)
        servers = {"baseline": baseline_servers["rasa"]}
        project_servers = serve_project(project["model"], tmp, log_dir)
        servers.update(project_servers)
        bots = {"assistant": project_servers, "baseline": baseline_servers}
        scripts = {"assistant": PROJECT_SCRIPT, "baseline": BASELINE_SCRIPT}
        for name, bot in bots.items():
            warm_up(bot, scripts[name])
        measured = interleaved(bots, scripts, args.turns, args.rounds)
        project["rounds"], baseline["rounds"] = measured["assistant"], measured["baseline"]
        if args.crowd_seconds:
            print(f"{CROWD} people at once for {args.crowd_seconds} s ...", flush=True)
            project["crowd"] = run_load(project_servers["rasa"].url, PROJECT_SCRIPT, users=CROWD,
                                        seconds=args.crowd_seconds)
        for name, bot in bots.items():
            side = project if name == "assistant" else baseline
            side["ready_s"] = round(bot["rasa"].ready_s, 1)
            for role, server in bot.items():
                side[f"{role}_memory"] = memory_mb(server)
        project["actions_ready_s"] = round(project_servers["actions"].ready_s, 1)
        baseline_servers["rasa"].stop()
        servers = dict(project_servers)

        print("Profiling a turn (py-spy) ...", flush=True)
        project["profile"] = profile(project_servers, PROJECT_SCRIPT, log_dir)
        if args.flat_turns:
            print(f"A flat turn: one person, {args.flat_turns} messages in one session ...", flush=True)
            project["flat"] = flat_turns(project_servers["rasa"].url, args.flat_turns,
                                         tracker_db=tmp / "var" / "tracker.db")
        for server in servers.values():
            server.stop()
        servers = {}

        results["project"], results["baseline"] = project, baseline
        results["measures"] = summarise_rounds(project["rounds"], baseline["rounds"])
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
    project = results.get("project", {})
    lost = failures(project.get("rounds", []), "lost_turns") + project.get("crowd", {}).get(
        "lost_turns", 0)
    if lost:
        print(f"FAILED: {lost} replies with the rate-limit or turn-failed text")
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
