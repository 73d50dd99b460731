"""Train and score the project's own Dutch pipeline (spaCy's Python API, no `spacy` command line).

`python -m language.train [output_dir]` converts the vendored corpus (language/ud.py) into
build/ud/*.spacy, trains language/config.cfg with its fixed seed, and prints the tuning-split scores (the held-out
scores are printed by language/build_pipeline.py on the built pipeline).
Normally language/build_pipeline.py calls `trained_base()`, which reuses the result while the stamp
(corpus + config + this code) is unchanged.
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


def train(output: Path = DEFAULT_OUTPUT) -> Dict:
    """Trains from scratch into `output` (model-best is the pipeline); returns the dev scores.

    One model, all components on one shared tok2vec: on the tuning split the parser learns more
    from the tagging tasks beside it (LAS 0.669 joint against 0.642 trained apart, bench/README.md).
    """
    from spacy.cli.train import train as spacy_train  # the function, not the typer command

    if blas_kernel() != KERNEL and os.environ.get("OPENBLAS_CORETYPE") != KERNEL and _can_force_kernel():
        subprocess.run([sys.executable, "-m", "language.train", str(output)], cwd=HERE.parent, check=True,
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
        spacy_train(CONFIG, output, overrides={"paths.train": str(data["train"]), "paths.dev": str(data["dev"]),
                                                "paths.vectors": str(vectors)})
    nlp = spacy.load(output / "model-best")
    result = {
        "stamp": stamp(),
        "minutes": round((time.time() - started) / 60, 2),
        "blas_kernel": blas_kernel(),
        "dev": score(nlp, data["dev"]),  # the held-out test is scored on the built pipeline
    }
    (output / STAMP_FILE).write_text(json.dumps(result, indent=2))
    return result


def trained_base(output: Path = DEFAULT_OUTPUT) -> Dict:
    """The trained pipeline's scores; trains first unless a build with the same stamp exists."""
    stamp_path = output / STAMP_FILE
    if stamp_path.exists() and (output / "model-best" / "meta.json").exists():
        result = json.loads(stamp_path.read_text())
        if result.get("stamp") == stamp():
            return result
    return train(output)


if __name__ == "__main__":
    print(json.dumps(train(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT), indent=2))
