"""The test kit: helpers shared by the tests, the facilitator demos (`demos/`) and the
benchmark (`bench/`), so that nothing outside `tests/` imports test code.

- `testkit.paths`: where the project, the trained model and the `rasa` command are;
- `testkit.ports`: `free_port()`, `wait_for_http()` and `wait_until()`;
- `testkit.web`: `request()` and `post_json()`, answering (status, decoded body);
- `testkit.services`: `Service`, a server subprocess on a loopback port with its log file,
  and on it `ActionServer` (`python -m actions`) and `RasaServer` (`rasa run`);
- `testkit.assistant`: `Assistant`, the trained model loaded in this process and driven
  turn by turn, pointed at an action server;
- `testkit.trackers`: rasa_sdk `Tracker`s for action tests (`make_tracker()`, event helpers)
  and `run_action()`.

Neither server (Rasa nor the action server) imports this package. Importing it, or its
`paths`, `ports`, `web` and `services` modules, loads neither Rasa nor rasa_sdk:
`testkit.assistant` imports Rasa when an `Assistant` is made, `testkit.trackers` imports
rasa_sdk.
"""
