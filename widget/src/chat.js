// The chat: one socket.io connection to Rasa's webchat channel (channels/webchat.py) and the
// session it speaks as. The server issues and signs the session id; the widget keeps only
// that id (browser-store.js), asks for the conversation so far when the chat opens, greets a
// new conversation, and follows the server to a fresh id after an erase (`session_renewed`).
// "Vergeet dit apparaat" drops the id and starts over. The DOM side is chat-view.js.
//
// A demo (demo-player.js) can borrow the chat as a guest identity from the server
// (useGuestSession): never stored, no history, no greeting; endGuestSession gives it back.
// What the demo player uses: open, send, onSend, onBotMessage, isTyping, pressReply,
// clearReplies, addDivider, setDraft, clear, useGuestSession, endGuestSession.
import { io } from "socket.io-client";
import { TEXT } from "./texts.js";

// The reply buttons of a bot message: [{ title, payload }].
function buttonsOf(message) {
  const raw = message.quick_replies || message.buttons || [];
  return raw
    .filter((b) => b && typeof b.title === "string")
    .map((b) => ({ title: b.title, payload: typeof b.payload === "string" ? b.payload : b.title }));
}

export class Chat {
  // config: the widget settings; view: a ChatView; store: a browser store (browser-store.js)
  constructor({ config, view, store }) {
    this.config = config;
    this.view = view;
    this.store = store;
    this.socket = null;
    this.ownSession = store.session(); // the visitor's conversation
    this.sessionId = null; // the session this socket speaks as (confirmed by the server)
    this.historyLoaded = false;
    this.guest = null; // { sessionId, confirmed } while a demo speaks through the chat, else null
    this.quietAfterGuest = false; // a guest just left: don't show the visitor's conversation in the open chat
    this.listeners = { send: [], bot: [] };
    view.bindControls({
      open: () => this.open(),
      close: () => this.close(),
      submit: (text) => this.send(text, text),
      forget: () => this.send(config.deletePayload, TEXT.deleteData),
      forgetDevice: () => this.forgetDevice(),
      reply: (button) => this.send(button.payload, button.title),
    });
  }

  // --- for the widget and the demo player -----------------------------------------------

  open() {
    this.view.showPanel();
    this.store.setOpen(true);
    this.connect();
    if (!this.guest && this.sessionId && !this.historyLoaded) this.requestHistory();
    this.greetIfNew();
    this.view.focusInput();
  }

  close() {
    this.view.hidePanel();
    this.store.setOpen(false);
    this.view.focusLauncher();
  }

  // Sends a payload as the current session; `shown` (if any) appears as the person's message.
  send(payload, shown) {
    if (!this.socket || !this.sessionId) return;
    this.view.clearReplies();
    if (shown) this.view.addMessage("user", shown);
    this.socket.emit("user_uttered", { message: payload, session_id: this.sessionId });
    this.view.setTyping(true);
    this.notify("send", payload);
  }

  onSend(listener) {
    this.listeners.send.push(listener);
  }

  onBotMessage(listener) {
    this.listeners.bot.push(listener);
  }

  isTyping() {
    return this.view.isTyping();
  }

  pressReply(title) {
    return this.view.pressReply(title);
  }

  clearReplies() {
    this.view.clearReplies();
  }

  addDivider(text) {
    this.view.addDivider(text);
  }

  setDraft(text) {
    this.view.setDraft(text);
  }

  clear() {
    this.view.clear();
  }

  // Opens an empty chat speaking as `id` (a demo identity); resolves once the server confirmed it.
  useGuestSession(id) {
    return new Promise((resolve) => {
      this.guest = { sessionId: id, confirmed: resolve };
      this.sessionId = null;
      this.view.clear();
      this.open();
      this.requestSession();
    });
  }

  // Back to the visitor's own conversation (shown when the chat is opened again). Returns the
  // guest's last session id (the server may have renewed it meanwhile).
  endGuestSession() {
    const last = this.guest && this.guest.sessionId;
    this.guest = null;
    this.sessionId = null;
    this.historyLoaded = false;
    this.quietAfterGuest = true;
    this.requestSession();
    return last;
  }

  // "Vergeet dit apparaat": drop the session id from this browser; the server issues a new one.
  forgetDevice() {
    if (this.guest) return;
    this.store.forgetSession();
    this.ownSession = this.sessionId = null;
    this.historyLoaded = false;
    this.view.clear();
    this.view.setStatus(TEXT.forgotten);
    this.requestSession();
    this.view.focusInput();
  }

  // --- the connection ---------------------------------------------------------------------

  notify(kind, value) {
    for (const listener of this.listeners[kind]) listener(value);
  }

  connect() {
    if (this.socket) return;
    const { view } = this;
    view.setStatus(TEXT.connecting);
    const socket = io(this.config.serverUrl, { path: this.config.socketPath });
    this.socket = socket;
    socket.on("connect", () => {
      view.setStatus("");
      this.requestSession();
    });
    socket.on("connect_error", () => view.setStatus(TEXT.offline));
    socket.on("disconnect", () => view.setStatus(TEXT.offline));
    socket.on("session_confirm", (id) => this.onSessionConfirm(id));
    socket.on("session_renewed", (id) => this.onSessionRenewed(id));
    socket.on("history", (data) => this.onHistory(data));
    socket.on("bot_uttered", (message) => this.onBotUttered(message));
  }

  requestSession() {
    const wanted = this.guest ? this.guest.sessionId : this.ownSession;
    if (this.socket && this.socket.connected) this.socket.emit("session_request", { session_id: wanted });
  }

  requestHistory() {
    this.socket.emit("history_request", { session_id: this.sessionId });
  }

  greetIfNew() {
    const { sessionId, config } = this;
    if (this.guest || !sessionId || !this.historyLoaded || !this.view.isEmpty() || !config.initPayload) return;
    if (this.store.wasGreeted(sessionId)) return;
    this.store.markGreeted(sessionId);
    this.send(config.initPayload);
  }

  onSessionConfirm(id) {
    const confirmed = typeof id === "string" ? id : id && id.session_id;
    if (!confirmed) return;
    if (this.guest) {
      // a guest speaks as its own identity: never stored, never the visitor's session
      if (confirmed !== this.guest.sessionId) return;
      this.sessionId = confirmed;
      this.guest.confirmed();
      return;
    }
    this.sessionId = this.ownSession = confirmed;
    this.store.saveSession(confirmed);
    this.historyLoaded = false;
    // after a guest the chat stays empty; the visitor's own conversation shows when it is opened again
    if (this.view.isOpen() && !this.quietAfterGuest) this.requestHistory();
    this.quietAfterGuest = false;
  }

  onSessionRenewed(id) {
    // the server erased this conversation and moved the socket to a new session
    if (typeof id !== "string") return;
    if (this.guest) {
      this.guest.sessionId = this.sessionId = id;
      return;
    }
    this.sessionId = this.ownSession = id;
    this.store.saveSession(id);
    this.store.markGreeted(id);
  }

  onHistory(data) {
    if (this.guest || !data || data.session_id !== this.sessionId) return;
    const messages = (Array.isArray(data.messages) && data.messages) || [];
    this.view.showHistory(messages);
    const last = messages[messages.length - 1];
    if (last && last.sender === "bot" && last.buttons) this.view.showReplies(buttonsOf(last));
    this.historyLoaded = true;
    if (this.view.isOpen()) this.greetIfNew();
  }

  onBotUttered(message) {
    if (!message || typeof message !== "object") return;
    this.notify("bot", message);
    this.view.setTyping(false);
    if (typeof message.text === "string" && message.text) this.view.addMessage("bot", message.text);
    const buttons = buttonsOf(message);
    if (buttons.length) this.view.showReplies(buttons);
  }
}
