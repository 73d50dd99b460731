// Chat widget for the reflection assistant, embedded with one <script> tag.
// Talks to Rasa's socket.io channel (channels.webchat.WebchatInput). All text is
// rendered with textContent, never as HTML.
import { io } from "socket.io-client";
import { TEXT } from "./texts.js";
import { STYLE } from "./style.js";

const script = document.currentScript;
const config = Object.assign(
  {
    serverUrl: script && script.src ? new URL(script.src).origin : window.location.origin,
    socketPath: "/socket.io",
    title: TEXT.title,
    initPayload: "/greet",
    deletePayload: "/delete_my_data",
    privacyUrl: "",
    storageKey: "reflectie-widget",
    open: false,
  },
  window.ReflectieWidget || {}
);

const SESSION_KEY = `${config.storageKey}:session`;
const OPEN_KEY = `${config.storageKey}:open`;
const TYPING_TIMEOUT_MS = 20000;

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function storage(kind) {
  try {
    const store = window[kind];
    store.getItem("x");
    return store;
  } catch (_) {
    return null; // storage blocked (private mode, sandboxed frame): no persistence
  }
}

const local = storage("localStorage");
const perTab = storage("sessionStorage");

function buildUi(root) {
  const style = el("style");
  style.textContent = STYLE;

  const launcher = el("button", {
    type: "button",
    class: "launcher",
    "aria-expanded": "false",
    "aria-controls": "rw-panel",
  }, TEXT.open);

  const panel = el("section", {
    id: "rw-panel",
    class: "panel",
    role: "dialog",
    "aria-label": config.title,
    hidden: "",
  });

  const header = el("header", { class: "header" });
  const heading = el("h2", { class: "title" }, config.title);
  const close = el("button", { type: "button", class: "close", "aria-label": TEXT.close }, "×");
  header.append(heading, close);

  const status = el("p", { class: "status", role: "status" });

  const log = el("div", {
    class: "log",
    role: "log",
    "aria-live": "polite",
    "aria-label": TEXT.logLabel,
    tabindex: "0",
  });

  const typing = el("div", { class: "typing", hidden: "", "aria-label": TEXT.typing, role: "status" });
  for (let i = 0; i < 3; i += 1) typing.append(el("span", { class: "dot", "aria-hidden": "true" }));

  const replies = el("div", { class: "replies", role: "group", "aria-label": TEXT.repliesLabel });

  const form = el("form", { class: "composer" });
  const label = el("label", { for: "rw-input", class: "visually-hidden" }, TEXT.inputLabel);
  const input = el("input", {
    id: "rw-input",
    type: "text",
    autocomplete: "off",
    maxlength: "1000",
    placeholder: TEXT.placeholder,
  });
  const send = el("button", { type: "submit", class: "send" }, TEXT.send);
  form.append(label, input, send);

  const privacy = el("p", { class: "privacy" });
  privacy.append(document.createTextNode(TEXT.privacy + " "));
  const forget = el("button", { type: "button", class: "link" }, TEXT.deleteData);
  privacy.append(forget);
  if (/^https?:\/\//i.test(config.privacyUrl || "")) {
    privacy.append(document.createTextNode(" · "));
    privacy.append(el("a", { href: config.privacyUrl, target: "_blank", rel: "noopener" }, TEXT.privacyLink));
  }

  panel.append(header, status, log, typing, replies, form, privacy);
  root.append(style, launcher, panel);
  return { launcher, panel, close, status, log, typing, replies, form, input, forget };
}

function start() {
  const host = el("div", { id: "reflectie-widget" });
  document.body.append(host);
  const ui = buildUi(host.attachShadow({ mode: "open" }));

  let socket = null;
  let sessionId = local ? local.getItem(SESSION_KEY) : null;
  let historyLoaded = false;
  let typingTimer = null;

  function scrollDown() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function setTyping(on) {
    clearTimeout(typingTimer);
    ui.typing.hidden = !on;
    if (on) typingTimer = setTimeout(() => setTyping(false), TYPING_TIMEOUT_MS);
    scrollDown();
  }

  function clearReplies() {
    ui.replies.replaceChildren();
  }

  function showReplies(buttons) {
    clearReplies();
    for (const button of buttons) {
      const node = el("button", { type: "button", class: "reply" }, button.title);
      node.addEventListener("click", () => {
        sendMessage(button.payload, button.title);
        ui.input.focus();
      });
      ui.replies.append(node);
    }
  }

  function addMessage(sender, text) {
    const item = el("div", { class: `message ${sender}` });
    item.append(el("span", { class: "visually-hidden" }, sender === "user" ? TEXT.you : TEXT.bot));
    item.append(el("span", { class: "text" }, text));
    ui.log.append(item);
    // show the newest message from its start, even when it is taller than the log
    ui.log.scrollTop = Math.min(ui.log.scrollHeight - ui.log.clientHeight, item.offsetTop - 8);
  }

  function buttonsOf(message) {
    const raw = message.quick_replies || message.buttons || [];
    return raw
      .filter((b) => b && typeof b.title === "string")
      .map((b) => ({ title: b.title, payload: typeof b.payload === "string" ? b.payload : b.title }));
  }

  function renderHistory(messages) {
    ui.log.replaceChildren();
    clearReplies();
    for (const message of messages) addMessage(message.sender, message.text);
    scrollDown();
    const last = messages[messages.length - 1];
    if (last && last.sender === "bot" && last.buttons) showReplies(buttonsOf(last));
    historyLoaded = true;
  }

  function sendMessage(payload, shown) {
    if (!socket || !sessionId) return;
    clearReplies();
    if (shown) addMessage("user", shown);
    socket.emit("user_uttered", { message: payload, session_id: sessionId });
    setTyping(true);
  }

  function greetIfNew() {
    if (!historyLoaded || ui.log.childElementCount > 0 || !config.initPayload) return;
    if (perTab && perTab.getItem(`${SESSION_KEY}:greeted`) === sessionId) return;
    if (perTab) perTab.setItem(`${SESSION_KEY}:greeted`, sessionId);
    sendMessage(config.initPayload);
  }

  function connect() {
    if (socket) return;
    ui.status.textContent = TEXT.connecting;
    socket = io(config.serverUrl, { path: config.socketPath });
    socket.on("connect", () => {
      ui.status.textContent = "";
      socket.emit("session_request", { session_id: sessionId });
    });
    socket.on("connect_error", () => {
      ui.status.textContent = TEXT.offline;
    });
    socket.on("disconnect", () => {
      ui.status.textContent = TEXT.offline;
    });
    socket.on("session_confirm", (id) => {
      sessionId = typeof id === "string" ? id : id && id.session_id;
      if (local && sessionId) local.setItem(SESSION_KEY, sessionId);
      socket.emit("history_request", { session_id: sessionId });
    });
    socket.on("history", (data) => {
      renderHistory((data && Array.isArray(data.messages) && data.messages) || []);
      if (!ui.panel.hidden) greetIfNew();
    });
    socket.on("bot_uttered", (message) => {
      if (!message || typeof message !== "object") return;
      setTyping(false);
      if (typeof message.text === "string" && message.text) addMessage("bot", message.text);
      const buttons = buttonsOf(message);
      if (buttons.length) showReplies(buttons);
    });
  }

  function open() {
    ui.panel.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "true");
    ui.launcher.hidden = true;
    if (perTab) perTab.setItem(OPEN_KEY, "1");
    connect();
    greetIfNew();
    ui.input.focus();
  }

  function close() {
    ui.panel.hidden = true;
    ui.launcher.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "false");
    if (perTab) perTab.removeItem(OPEN_KEY);
    ui.launcher.focus();
  }

  ui.launcher.addEventListener("click", open);
  ui.close.addEventListener("click", close);
  ui.panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = ui.input.value.trim();
    if (!text) return;
    ui.input.value = "";
    sendMessage(text, text);
  });
  ui.forget.addEventListener("click", () => sendMessage(config.deletePayload, TEXT.deleteData));

  if (config.open || (perTab && perTab.getItem(OPEN_KEY))) open();
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
