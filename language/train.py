"""Train and score the project's own Dutch pipeline (spaCy's Python API, no `spacy` command line).

Two modes, one config (language/config.cfg) and one fixed seed:
- tuning, `python -m language.train --tuning [output_dir]`: trains on the `train` split alone and
  prints the scores on the tuning split (`dev`), which picks the best step (model-best). Settings
  are chosen this way, never on the held-out test.
- final (the default, what language/build_pipeline.py uses through `trained_base()`): the chosen
  settings trained on train + tuning split (`train_all`); the pipeline is the last step
  (model-last), as the tuning runs reach their best at the last steps. The tuning split is then
  trained on, so it is not scored; the held-out scores are printed by
  language/build_pipeline.py on the built pipeline.
`trained_base()` reuses the final pipeline while the stamp (corpus + config + this code) is unchanged.
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict

import spacy
from thinc.api import NumpyOps, set_current_ops
from threadpoolctl import threadpool_info, threadpool_limits

from language import lexicon_vectors, ud
from language.evaluate import score

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "config.cfg"
BUILD = HERE.parent / "build"
DEFAULT_OUTPUT = BUILD / "spacy_nl_own"
STAMP_FILE = "stamp.json"
PIPELINE = "model-last"  # the final mode's pipeline directory inside the output
BLAS_THREADS = 2
#: numpy's OpenBLAS picks its matrix kernels by CPU (Haswell, Zen, SkylakeX ...) and each kernel
#: rounds a little differently, so one seed trained different pipelines on different machines
#: (lower-cased LAS 0.706 on an Intel AVX-512 machine, 0.689 on an AMD EPYC). Training always uses the Haswell kernels,
#: which every x86-64 CPU with AVX2 runs; the choice is made when numpy loads, hence a subprocess.
KERNEL = "Haswell"


def blas_kernel() -> str:
    """The kernel family numpy's OpenBLAS uses in this process ("" when it is not OpenBLAS)."""
    return next((i.get("architecture") or "" for i in threadpool_info() if i.get("internal_api") == "openblas"), "")


def _can_force_kernel() -> bool:
    try:
        return "avx2" in Path("/proc/cpuinfo").read_text().split()
    except OSError:
        return False


def stamp() -> str:
    """Changes whenever the corpus, the config or the training/conversion code changes."""
    return ud.fingerprint([CONFIG, Path(__file__), Path(ud.__file__), Path(lexicon_vectors.__file__),
                           *ud.FILES.values()])


def train(output: Path = DEFAULT_OUTPUT, tuning: bool = False) -> Dict:
    """Trains from scratch into `output`; returns the stamp (tuning mode: with the `dev` scores).

    Final mode: train + tuning split, `output/PIPELINE` is the pipeline. Tuning mode: `train`
    alone, model-best (picked on the tuning split) is the pipeline.

    One model, all components on one shared tok2vec: on the tuning split the parser learns more
    from the tagging tasks beside it (LAS 0.669 joint against 0.642 trained apart, bench/README.md).
    """
    from spacy.cli.train import train as spacy_train  # the function, not the typer command

    if blas_kernel() != KERNEL and os.environ.get("OPENBLAS_CORETYPE") != KERNEL and _can_force_kernel():
        subprocess.run([sys.executable, "-m", "language.train", *(["--tuning"] if tuning else []), str(output)],
                       cwd=HERE.parent, check=True,
                       env={**os.environ, "OPENBLAS_CORETYPE": KERNEL}, stdout=sys.stderr)
        return json.loads((output / STAMP_FILE).read_text())
    started = time.time()
    data = ud.write_if_missing(BUILD / "ud")
    vectors = lexicon_vectors.build(BUILD / "lexicon_vectors")
    output.mkdir(parents=True, exist_ok=True)
    # thinc's default CPU ops multiply matrices with blis on one core; numpy's OpenBLAS on two
    # threads is about a fifth faster on 2 cores. Always two threads, so that every machine
    # trains the same pipeline (the thread count changes the rounding).
    set_current_ops(NumpyOps(use_blis=False))
    with threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
        spacy_train(CONFIG, output, overrides={"paths.train": str(data["train" if tuning else "train_all"]),
                                                "paths.dev": str(data["dev"]), "paths.vectors": str(vectors)})
    result = {
        "stamp": stamp(),
        "mode": "tuning (train)" if tuning else "final (train + tuning split)",
        "minutes": round((time.time() - started) / 60, 2),
        "blas_kernel": blas_kernel(),
    }
    if tuning:  # the held-out test is scored on the built pipeline
        result["dev"] = score(spacy.load(output / "model-best"), data["dev"])
    (output / STAMP_FILE).write_text(json.dumps(result, indent=2))
    return result


def trained_base(output: Path = DEFAULT_OUTPUT) -> Dict:
    """The final pipeline's stamp; trains first unless a build with the same stamp exists."""
    stamp_path = output / STAMP_FILE
    if stamp_path.exists() and (output / PIPELINE / "meta.json").exists():
        result = json.loads(stamp_path.read_text())
        if result.get("stamp") == stamp() and result.get("mode", "").startswith("final"):
            return result
    return train(output)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--tuning"]
    print(json.dumps(train(Path(args[0]) if args else DEFAULT_OUTPUT, tuning="--tuning" in sys.argv), indent=2))
