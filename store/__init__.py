"""The reflection log: keeps each person's reflections, encrypted and for them alone.

No Rasa or rasa-sdk import: the action server, the Rasa server (tracker table, demo cleanup)
and the operator's commands all use it. `store.repository` holds the store itself.
"""
