"""Telegram Update objects as the Bot API documents them (core.telegram.org/bots/api#update)."""
import itertools
import time
from typing import Any, Dict

_ids = itertools.count(1000)


def person(user_id: int) -> Dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Sam", "language_code": "nl"}


def private_chat(user_id: int) -> Dict[str, Any]:
    return {"id": user_id, "type": "private", "first_name": "Sam"}


def group_chat() -> Dict[str, Any]:
    return {"id": -1001234567890, "type": "supergroup", "title": "Workshop verbinding"}


def message(user_id: int, chat: Dict[str, Any] = None, **content: Any) -> Dict[str, Any]:
    body = {
        "message_id": next(_ids),
        "from": person(user_id),
        "chat": chat or private_chat(user_id),
        "date": int(time.time()),
        **content,
    }
    return {"update_id": next(_ids), "message": body}


def text(user_id: int, words: str, chat: Dict[str, Any] = None) -> Dict[str, Any]:
    content: Dict[str, Any] = {"text": words}
    if words.startswith("/"):
        length = len(words.split()[0])
        content["entities"] = [{"offset": 0, "length": length, "type": "bot_command"}]
    return message(user_id, chat, **content)


def voice(user_id: int) -> Dict[str, Any]:
    return message(user_id, voice={"file_id": "AwACAgQAAx0", "file_unique_id": "AgAD",
                                   "duration": 4, "mime_type": "audio/ogg", "file_size": 7012})


def photo(user_id: int) -> Dict[str, Any]:
    sizes = [{"file_id": f"AgACAgQ{n}", "file_unique_id": f"AQAD{n}", "width": w, "height": w,
              "file_size": w * 40} for n, w in enumerate((90, 320, 800))]
    return message(user_id, photo=sizes, caption="kijk")


def sticker(user_id: int) -> Dict[str, Any]:
    return message(user_id, sticker={"file_id": "CAACAgIAAxk", "file_unique_id": "AgADeQ",
                                     "type": "regular", "width": 512, "height": 512,
                                     "is_animated": False, "is_video": False, "emoji": "🙂"})


def added_to_group(bot_username: str) -> Dict[str, Any]:
    bot = {"id": 123456, "is_bot": True, "first_name": "Reflectie", "username": bot_username}
    return message(777, group_chat(), new_chat_members=[bot], new_chat_member=bot,
                   new_chat_participant=bot)


def callback(user_id: int, data: str) -> Dict[str, Any]:
    original = {"message_id": next(_ids), "from": {"id": 123456, "is_bot": True, "first_name": "R"},
                "chat": private_chat(user_id), "date": int(time.time()), "text": "Kies maar."}
    return {"update_id": next(_ids), "callback_query": {
        "id": str(next(_ids)), "from": person(user_id), "message": original,
        "chat_instance": "-8812", "data": data}}
