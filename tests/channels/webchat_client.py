"""A socket.io client speaking the widget's protocol (the webchat channel's tests and the attacks)."""
import asyncio
from typing import Any, List, Tuple

import socketio


class Client:
    """A socket.io client speaking the widget's protocol, collecting what it receives."""

    def __init__(self) -> None:
        self.sio = socketio.AsyncClient()
        self.received: List[Tuple[str, Any]] = []
        for event in ("session_confirm", "session_renewed", "bot_uttered", "history"):
            self.sio.on(event, lambda data, event=event: self.received.append((event, data)))

    async def connect(self, url: str) -> "Client":
        # python-socketio's websocket client needs a newer aiohttp; polling is the same protocol
        await self.sio.connect(url, socketio_path="/socket.io", transports=["polling"])
        return self

    async def wait(self, event: str, count: int = 1, timeout: float = 10) -> List[Any]:
        for _ in range(int(timeout * 20)):
            got = [data for name, data in self.received if name == event]
            if len(got) >= count:
                return got
            await asyncio.sleep(0.05)
        raise TimeoutError(f"no {event} in {self.received}")

    async def close(self) -> None:
        # a polling client's disconnect waits for its pending long-poll; don't wait that long
        try:
            await asyncio.wait_for(self.sio.disconnect(), timeout=2)
        except asyncio.TimeoutError:
            pass

    async def session(self, session_id: Any = None) -> str:
        await self.sio.emit("session_request", {"session_id": session_id})
        return (await self.wait("session_confirm"))[-1]
