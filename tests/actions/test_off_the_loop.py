"""Actions run on worker threads, so the reflection store's blocking calls never stall the
action server's event loop (issue 16)."""

import asyncio
import threading
import time

from rasa_sdk.executor import ActionExecutor

from actions import base


async def slow(dispatcher, tracker, domain):  # a function, not an Action: no stray registration
    time.sleep(0.3)  # a blocking database call
    dispatcher.utter_message(text=threading.current_thread().name)
    return []


def test_a_blocking_action_leaves_the_event_loop_free(monkeypatch):
    monkeypatch.setattr(ActionExecutor, "run", ActionExecutor.run)  # undone afterwards
    monkeypatch.setattr("actions.language.get_nlp", lambda: None)
    base.run_actions_off_the_loop()
    base.run_actions_off_the_loop()  # idempotent
    executor = ActionExecutor()
    executor.register_function("action_slow", slow)
    call = {"next_action": "action_slow", "tracker": {"sender_id": "x", "events": [], "slots": {},
                                                      "latest_message": {}, "paused": False}}

    async def both():
        ticks = 0

        async def ticker():
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        task = asyncio.create_task(ticker())
        results = await asyncio.gather(executor.run(call), executor.run(call))
        task.cancel()
        return results, ticks

    began = time.perf_counter()
    results, ticks = asyncio.run(both())
    assert ticks >= 10  # the loop kept running while both actions blocked
    assert time.perf_counter() - began < 0.55  # and the two ran side by side
    assert all(r["responses"][0]["text"].startswith("action") for r in results)
