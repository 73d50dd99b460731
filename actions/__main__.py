"""Start the action server: `python -m actions [-p 5055]` (same options as `rasa run actions`).

The actions need spaCy but not TensorFlow. spaCy's thinc imports TensorFlow whenever it is
installed (Rasa brings it), which costs about 300 MB per action server; this entry point keeps
it out. Everything else is rasa_sdk's own server.
"""
import sys

sys.modules.setdefault("tensorflow", None)  # `import tensorflow` now raises ImportError

from rasa_sdk.__main__ import main  # noqa: E402

if __name__ == "__main__":
    if "--actions" not in sys.argv:
        sys.argv[1:1] = ["--actions", "actions"]
    main()
