// Chat widget for the reflection assistant, embedded with one <script> tag.
// Talks to Rasa's socket.io channel (channels.webchat.WebchatInput). All text is
// rendered with textContent, never as HTML. `ReflectieWidget.playDemo()` plays a
// facilitator's demo script (demos/) in the chat, step by step on key presses.
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
const DEMO_TYPING_MS_PER_CHAR = 33; // ~30 characters a second
const DEMO_REPLY_SETTLE_MS = 1200; // a turn is over when no bot message came for this long
const DEMO_REPLY_TIMEOUT_MS = 60000;
const DEMO_BUTTON_WAIT_MS = 3000; // a button may come with a message just after the reply
const DEMO_ADVANCE_KEYS = new Set([" ", "Spacebar", "Enter", "ArrowRight", "PageDown"]);

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
    maxlength: "4000",
    placeholder: TEXT.placeholder,
  });
  const send = el("button", { type: "submit", class: "send" }, TEXT.send);
  form.append(label, input, send);

  const privacy = el("p", { class: "privacy" });
  privacy.append(document.createTextNode(TEXT.privacy + " "));
  const forget = el("button", { type: "button", class: "link" }, TEXT.deleteData);
  const forgetDevice = el("button", { type: "button", class: "link", title: TEXT.forgetDeviceHint },
    TEXT.forgetDevice);
  privacy.append(forget, document.createTextNode(" · "), forgetDevice);
  if (/^https?:\/\//i.test(config.privacyUrl || "")) {
    privacy.append(document.createTextNode(" · "));
    privacy.append(el("a", { href: config.privacyUrl, target: "_blank", rel: "noopener" }, TEXT.privacyLink));
  }

  panel.append(header, status, log, typing, replies, form, privacy);
  root.append(style, launcher, panel);
  return { launcher, panel, close, status, log, typing, replies, form, input, forget, forgetDevice };
}

function start() {
  const host = el("div", { id: "reflectie-widget" });
  document.body.append(host);
  const ui = buildUi(host.attachShadow({ mode: "open" }));

  let socket = null;
  let ownSession = local ? local.getItem(SESSION_KEY) : null; // the visitor's conversation
  let sessionId = null; // the session this socket speaks as (confirmed by the server)
  let historyLoaded = false;
  let typingTimer = null;
  let demo = null; // the demo being played (playDemo), or null
  let afterDemo = false; // a demo just ended: don't show the visitor's conversation in the open chat

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
    if (demo) demo.lastActivity = Date.now();
  }

  function wantedSession() {
    return demo ? demo.sessionId : ownSession;
  }

  function requestSession() {
    if (socket && socket.connected) socket.emit("session_request", { session_id: wantedSession() });
  }

  function greetIfNew() {
    if (demo || !sessionId || !historyLoaded || ui.log.childElementCount > 0 || !config.initPayload) return;
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
      requestSession();
    });
    socket.on("connect_error", () => {
      ui.status.textContent = TEXT.offline;
    });
    socket.on("disconnect", () => {
      ui.status.textContent = TEXT.offline;
    });
    socket.on("session_confirm", (id) => {
      const confirmed = typeof id === "string" ? id : id && id.session_id;
      if (!confirmed) return;
      if (demo) {
        // a demo speaks as its own identity: never stored, never the visitor's session
        if (confirmed !== demo.sessionId) return;
        sessionId = confirmed;
        demo.confirmed();
        return;
      }
      sessionId = ownSession = confirmed;
      if (local) local.setItem(SESSION_KEY, sessionId);
      historyLoaded = false;
      // after a demo the chat stays empty; the visitor's own conversation shows when it is opened again
      if (!ui.panel.hidden && !afterDemo) socket.emit("history_request", { session_id: sessionId });
      afterDemo = false;
    });
    socket.on("session_renewed", (id) => {
      // the server erased this conversation and moved the socket to a new session
      if (typeof id !== "string") return;
      if (demo) {
        demo.sessionId = sessionId = id;
        return;
      }
      sessionId = ownSession = id;
      if (local) local.setItem(SESSION_KEY, id);
      if (perTab) perTab.setItem(`${SESSION_KEY}:greeted`, id);
    });
    socket.on("history", (data) => {
      if (demo || !data || data.session_id !== sessionId) return;
      renderHistory((Array.isArray(data.messages) && data.messages) || []);
      if (!ui.panel.hidden) greetIfNew();
    });
    socket.on("bot_uttered", (message) => {
      if (!message || typeof message !== "object") return;
      if (demo) demo.lastActivity = Date.now();
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
    if (!demo && sessionId && !historyLoaded) socket.emit("history_request", { session_id: sessionId });
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

  // --- Demo player: a facilitator's script, one step per key press --------------------

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function demoApi(path, body) {
    const answer = await fetch(`${config.serverUrl}/webhooks/demos/${path}`, body === undefined
      ? { credentials: "omit" }
      : { method: "POST", credentials: "omit", headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body) });
    if (!answer.ok) throw new Error(`demo ${path}: HTTP ${answer.status}`);
    return answer.json();
  }

  function addDivider(text) {
    const item = el("div", { class: "divider", role: "separator", "aria-label": text });
    item.append(el("span", {}, text));
    ui.log.append(item);
    scrollDown();
  }

  // Resolves when the assistant has answered (and then stayed quiet for a moment).
  async function replyArrived(current, since) {
    const deadline = since + DEMO_REPLY_TIMEOUT_MS;
    while (demo === current && Date.now() < deadline) {
      const answered = current.lastActivity > since && ui.typing.hidden;
      if (answered && Date.now() - current.lastActivity >= DEMO_REPLY_SETTLE_MS) return;
      await sleep(100);
    }
  }

  // Types like a person, then sends; false when the demo was stopped meanwhile.
  async function typeAndSend(current, text) {
    ui.input.value = "";
    for (const char of text) {
      if (current.stopping) return false;
      ui.input.value += char;
      await sleep(DEMO_TYPING_MS_PER_CHAR);
    }
    if (current.stopping) return false;
    ui.input.value = "";
    sendMessage(text, text);
    return true;
  }

  async function findReply(current, title) {
    const wanted = String(title).trim().toLowerCase();
    for (let waited = 0; waited <= DEMO_BUTTON_WAIT_MS && !current.stopping; waited += 100) {
      const button = Array.from(ui.replies.children)
        .find((node) => node.textContent.trim().toLowerCase() === wanted);
      if (button) return button;
      await sleep(100);
    }
    return null;
  }

  async function playStep(current, step) {
    if (step.note && current.options.onNote) current.options.onNote(step.note, step);
    const since = Date.now();
    if (step.kind === "say") {
      if (!(await typeAndSend(current, step.text))) return true;
    } else if (step.kind === "button") {
      const button = await findReply(current, step.text);
      if (!button) {
        if (!current.stopping) {
          console.warn(`ReflectieWidget demo: no button "${step.text}" in the last reply; demo stopped`);
        }
        return false;
      }
      button.click();
    } else if (step.kind === "later") {
      clearReplies();
      addDivider(step.text || TEXT.later);
      sendMessage(step.payload || "/session_start");
    } else {
      return true; // a note for the facilitator only
    }
    await replyArrived(current, since);
    return true;
  }

  async function advanceDemo(current) {
    if (current.busy) return;
    current.busy = true;
    const step = current.steps[current.index];
    current.index += 1;
    if (!step) {
      stopDemo("end");
      return;
    }
    if (current.options.onStep) current.options.onStep(current.index, current.steps.length, step);
    current.turn = playStep(current, step);
    const ok = await current.turn;
    current.busy = false;
    if (!ok && demo === current) stopDemo("stopped");
    else if (demo === current && !current.stopping && current.options.onReady) {
      current.options.onReady(current.index, current.steps.length);
    }
  }

  function onDemoKey(event) {
    const current = demo;
    if (!current || !current.ready || event.ctrlKey || event.altKey || event.metaKey) return;
    const advance = DEMO_ADVANCE_KEYS.has(event.key);
    if (!advance && event.key !== "Escape") return;
    event.preventDefault();
    event.stopPropagation();
    if (event.type !== "keydown" || event.repeat) return;
    if (event.key === "Escape") stopDemo("stopped");
    else advanceDemo(current);
  }

  async function endDemo(current) {
    // let a turn in progress finish, so nothing is written after the cleanup
    if (current.turn) await Promise.race([current.turn, sleep(DEMO_REPLY_TIMEOUT_MS / 4)]);
    if (demo === current) demo = null;
    window.removeEventListener("keydown", onDemoKey, true);
    window.removeEventListener("keyup", onDemoKey, true);
    sessionId = null;
    historyLoaded = false;
    afterDemo = true;
    requestSession(); // back to the visitor's own conversation (shown when the chat is opened again)
    let error = null;
    try {
      await demoApi("cleanup", { session_id: current.sessionId });
    } catch (problem) {
      error = problem;
      console.warn("ReflectieWidget demo: cleanup failed", problem);
    }
    setTyping(false);
    clearReplies();
    ui.log.replaceChildren();
    ui.input.value = "";
    if (current.options.onEnd) current.options.onEnd(current.reason);
    if (error) current.reject(error);
    else current.resolve(current.reason);
  }

  function stopDemo(reason = "stopped") {
    const current = demo;
    if (!current || current.stopping) return current ? current.done : Promise.resolve();
    current.stopping = true;
    current.reason = reason;
    current.ready = false;
    endDemo(current);
    return current.done;
  }

  async function playDemo(script, options = {}) {
    if (demo) await stopDemo("stopped");
    const steps = (typeof script === "string" ? await demoApi(`scripts/${encodeURIComponent(script)}`) : script).steps;
    if (!Array.isArray(steps)) throw new Error("ReflectieWidget demo: a script needs steps");
    const { session_id: demoSession } = await demoApi("session", {});
    const current = { sessionId: demoSession, steps, index: 0, options, lastActivity: 0, busy: false };
    current.done = new Promise((resolve, reject) => Object.assign(current, { resolve, reject }));
    const confirmed = new Promise((resolve) => { current.confirmed = resolve; });
    demo = current;
    sessionId = null;
    setTyping(false);
    clearReplies();
    ui.log.replaceChildren();
    open();
    requestSession();
    await confirmed;
    if (demo !== current) return current.done;
    current.ready = true;
    window.addEventListener("keydown", onDemoKey, true);
    window.addEventListener("keyup", onDemoKey, true);
    if (options.onReady) options.onReady(0, steps.length);
    return current.done;
  }

  window.ReflectieWidget = Object.assign(window.ReflectieWidget || {}, { playDemo, stopDemo });

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
  ui.forgetDevice.addEventListener("click", () => {
    // drop the session id from this browser; the server issues a new one
    if (demo) return;
    if (local) local.removeItem(SESSION_KEY);
    if (perTab) perTab.removeItem(`${SESSION_KEY}:greeted`);
    ownSession = sessionId = null;
    historyLoaded = false;
    setTyping(false);
    clearReplies();
    ui.log.replaceChildren();
    ui.status.textContent = TEXT.forgotten;
    requestSession();
    ui.input.focus();
  });

  if (config.open || (perTab && perTab.getItem(OPEN_KEY))) open();
  window.dispatchEvent(new CustomEvent("reflectie-widget:ready"));
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
