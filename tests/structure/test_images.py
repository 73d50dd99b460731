"""The two images (Dockerfile.rasa, Dockerfile.actions) and docker-compose.yml cannot be built
on CI machines (no Docker engine); these checks keep them in step with the tree: every path
they copy exists, stages are named before use, the action image stays free of Rasa, and the
compose file runs what the scale-out test runs."""
import re
import shlex
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ("Dockerfile.rasa", "Dockerfile.actions")


def instructions(dockerfile: str) -> List[Tuple[str, List[str]]]:
    """(instruction, arguments) per line, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", (ROOT / dockerfile).read_text())
    lines = [line.strip() for line in text.splitlines()]
    return [(line.split()[0].upper(), shlex.split(line)[1:]) for line in lines
            if line and not line.startswith("#")]


def copies(dockerfile: str) -> List[Tuple[str, List[str]]]:
    """(stage or "" for the build context, sources) of every COPY."""
    found = []
    for name, args in instructions(dockerfile):
        if name == "COPY":
            stage = next((a.split("=", 1)[1] for a in args if a.startswith("--from=")), "")
            paths = [a for a in args if not a.startswith("--")]
            found.append((stage, paths[:-1]))
    return found


def pins(path: str) -> Dict[str, str]:
    lines = (ROOT / path).read_text().splitlines()
    return {line.split("==")[0].lower().replace("_", "-"): line.split("==")[1]
            for line in lines if "==" in line and not line.startswith("#")}


@pytest.mark.parametrize("dockerfile", IMAGES)
def test_every_copied_path_exists(dockerfile):
    missing = [source for stage, sources in copies(dockerfile) if not stage
               for source in sources if not (ROOT / source).exists()]
    assert not missing, missing


@pytest.mark.parametrize("dockerfile", IMAGES)
def test_stages_are_named_before_they_are_used(dockerfile):
    named: List[str] = []
    for name, args in instructions(dockerfile):
        if name == "FROM" and len(args) == 3 and args[1].upper() == "AS":
            named.append(args[2])
        if name == "COPY":
            used = [a.split("=", 1)[1] for a in args if a.startswith("--from=")]
            assert all(stage in named for stage in used), (used, named)
    assert instructions(dockerfile)[0][0] == "FROM"


def test_the_action_image_has_no_rasa_side():
    sources = {s.rstrip("/") for stage, paths in copies("Dockerfile.actions") if not stage
               for s in paths}
    assert {"actions", "core", "store"} <= sources
    assert not sources & {"components", "channels", "requirements.lock", "config.yml"}, sources
    assert "rasa" not in pins("requirements-actions.lock")
    assert "rasa-sdk" in pins("requirements-actions.lock")


def test_the_action_lock_is_a_part_of_the_project_lock():
    whole, part = pins("requirements.lock"), pins("requirements-actions.lock")
    different = {name: (version, whole.get(name)) for name, version in part.items()
                 if whole.get(name) != version}
    assert not different, different


def test_the_rasa_image_gets_what_its_server_loads():
    sources = {s.rstrip("/") for stage, paths in copies("Dockerfile.rasa") if not stage
               for s in paths}
    assert {"components", "channels", "core", "store", "config.yml", "domain.yml",
            "credentials.yml", "endpoints.yml"} <= sources
    assert "actions" not in sources
    entry = (ROOT / "deploy/rasa-entrypoint.sh").read_text()
    assert "--enable-api" not in entry and "store.keys_cli action-token" in entry


def test_compose_runs_the_two_images_like_the_scaleout_test():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert set(services) == {"keys", "rasa-a", "rasa-b", "actions", "postgres", "redis"}
    dockerfiles = {s["build"]["dockerfile"] for s in services.values() if "build" in s}
    assert dockerfiles == set(IMAGES)
    assert services["actions"]["image"] == services["keys"]["image"] == "reflectie-actions"
    for name in ("rasa-a", "rasa-b"):
        env = services[name]["environment"]
        assert services[name]["image"] == "reflectie-rasa"
        for key in ("TRACKER_DB_URL", "REFLECTION_DB_URL", "REDIS_URL", "ACTION_SERVER_URL",
                    "REFLECTION_KEY_FILE"):
            assert key in env, (name, key)
    for name in ("actions", "keys"):
        assert {"REFLECTION_DB_URL", "REFLECTION_KEY_FILE"} <= set(services[name]["environment"])
    assert "ports" not in services["actions"]  # the action server's port is never published
    assert "store.keys_cli init" in " ".join(services["keys"]["command"])
