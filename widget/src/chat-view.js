// The chat's DOM side, on the parts ui.js built: messages (textContent only, with a hidden
// "Jij:"/"Assistent:" prefix for screen readers), reply buttons, typing dots, the status
// line, the message field, showing and hiding the panel, and the controls' events.
// Knows nothing about sockets or sessions: chat.js tells it what to show.
import { el } from "./dom.js";
import { TEXT } from "./texts.js";

const TYPING_TIMEOUT_MS = 20000;

export class ChatView {
  constructor(ui) {
    this.ui = ui;
    this.typingTimer = null;
    this.onReply = () => {};
  }

  scrollDown() {
    this.ui.log.scrollTop = this.ui.log.scrollHeight;
  }

  setTyping(on) {
    clearTimeout(this.typingTimer);
    this.ui.typing.hidden = !on;
    if (on) this.typingTimer = setTimeout(() => this.setTyping(false), TYPING_TIMEOUT_MS);
    this.scrollDown();
  }

  isTyping() {
    return !this.ui.typing.hidden;
  }

  clearReplies() {
    this.ui.replies.replaceChildren();
  }

  // `buttons`: [{ title, payload }]; a click goes to the `reply` handler of bindControls.
  showReplies(buttons) {
    this.clearReplies();
    for (const button of buttons) {
      const node = el("button", { type: "button", class: "reply" }, button.title);
      node.addEventListener("click", () => {
        this.onReply(button);
        this.ui.input.focus();
      });
      this.ui.replies.append(node);
    }
  }

  // Clicks the reply button with this title (case and outer spaces ignored); false if none.
  pressReply(title) {
    const wanted = String(title).trim().toLowerCase();
    const button = Array.from(this.ui.replies.children)
      .find((node) => node.textContent.trim().toLowerCase() === wanted);
    if (!button) return false;
    button.click();
    return true;
  }

  addMessage(sender, text) {
    const { log } = this.ui;
    const item = el("div", { class: `message ${sender}` });
    item.append(el("span", { class: "visually-hidden" }, sender === "user" ? TEXT.you : TEXT.bot));
    item.append(el("span", { class: "text" }, text));
    log.append(item);
    // show the newest message from its start, even when it is taller than the log
    log.scrollTop = Math.min(log.scrollHeight - log.clientHeight, item.offsetTop - 8);
  }

  // A line across the log (a demo's "later"), for screen readers a separator with its text.
  addDivider(text) {
    const item = el("div", { class: "divider", role: "separator", "aria-label": text });
    item.append(el("span", {}, text));
    this.ui.log.append(item);
    this.scrollDown();
  }

  // Replaces the log with earlier messages ([{ sender: "user" | "bot", text }]).
  showHistory(messages) {
    this.ui.log.replaceChildren();
    this.clearReplies();
    for (const message of messages) this.addMessage(message.sender, message.text);
    this.scrollDown();
  }

  // An empty chat: no messages, no reply buttons, no typing dots.
  clear() {
    this.setTyping(false);
    this.clearReplies();
    this.ui.log.replaceChildren();
  }

  isEmpty() {
    return this.ui.log.childElementCount === 0;
  }

  setStatus(text) {
    this.ui.status.textContent = text;
  }

  setDraft(text) {
    this.ui.input.value = text;
  }

  focusInput() {
    this.ui.input.focus();
  }

  focusLauncher() {
    this.ui.launcher.focus();
  }

  isOpen() {
    return !this.ui.panel.hidden;
  }

  showPanel() {
    this.ui.panel.hidden = false;
    this.ui.launcher.setAttribute("aria-expanded", "true");
    this.ui.launcher.hidden = true;
  }

  hidePanel() {
    this.ui.panel.hidden = true;
    this.ui.launcher.hidden = false;
    this.ui.launcher.setAttribute("aria-expanded", "false");
  }

  // handlers: open(), close(), submit(text), forget(), forgetDevice(), reply({ title, payload })
  bindControls(handlers) {
    const { ui } = this;
    this.onReply = handlers.reply;
    ui.launcher.addEventListener("click", () => handlers.open());
    ui.close.addEventListener("click", () => handlers.close());
    ui.panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        handlers.close();
      }
    });
    ui.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = ui.input.value.trim();
      if (!text) return;
      ui.input.value = "";
      handlers.submit(text);
    });
    ui.forget.addEventListener("click", () => handlers.forget());
    ui.forgetDevice.addEventListener("click", () => handlers.forgetDevice());
  }
}
