"""Where the project and its artefacts are, for tests, demos and the benchmark."""
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = Path(os.environ.get("RASA_TEST_MODEL", ROOT / "models" / "reflectie.tar.gz"))
CREDENTIALS = ROOT / "credentials.yml"
ENDPOINTS = ROOT / "endpoints.yml"
RASA = Path(sys.executable).with_name("rasa")  # the `rasa` command of this virtual environment
