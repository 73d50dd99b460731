"""The six guided reflections as one Rasa form (`reflection_form`) with per-exercise questions.

- base.py: what a reflection is (questions, checks, closing) and shared text helpers;
- kennen.py … samenhang.py: one module per reflection;
- registry.py: the reflections by key;
- form.py: `validate_reflection_form` (dynamic required slots, kind validation, logging)
  and the ask actions `action_ask_antwoord_N`;
- flow.py: start, pause, resume and finish, with progress kept in the reflection store.
"""
