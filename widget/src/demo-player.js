// The facilitator's demo player (ReflectieWidget.playDemo, see README.md). It loads a script
// from the server's demo routes (/webhooks/demos/, demos/channel.py), speaks through the
// chat as a fresh demo identity and plays one step per key press: a line typed like a person
// and sent, a reply button pressed, "later" (a divider and a new session), or a note for the
// facilitator only. Esc, or a press after the last step, ends it: the demo identity is erased
// on the server and the chat emptied. Uses only the chat's small interface (chat.js).
import { TEXT } from "./texts.js";

const TYPING_MS_PER_CHAR = 33; // ~30 characters a second
const REPLY_SETTLE_MS = 1200; // a turn is over when no bot message came for this long
const REPLY_TIMEOUT_MS = 60000;
const BUTTON_WAIT_MS = 3000; // a button may come with a message just after the reply
const ADVANCE_KEYS = new Set([" ", "Spacebar", "Enter", "ArrowRight", "PageDown"]);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class DemoPlayer {
  constructor({ chat, serverUrl }) {
    this.chat = chat;
    this.serverUrl = serverUrl;
    this.demo = null; // the demo being played, or null
    this.onKey = this.onKey.bind(this);
    const touch = () => {
      if (this.demo) this.demo.lastActivity = Date.now();
    };
    chat.onSend(touch);
    chat.onBotMessage(touch);
  }

  // ReflectieWidget.playDemo: `script` is a demo id on the server or a script object ({ steps }).
  // Resolves "end" or "stopped" after the cleanup.
  async play(script, options = {}) {
    if (this.demo) await this.stop("stopped");
    const steps = (typeof script === "string" ? await this.api(`scripts/${encodeURIComponent(script)}`) : script).steps;
    if (!Array.isArray(steps)) throw new Error("ReflectieWidget demo: a script needs steps");
    const { session_id: demoSession } = await this.api("session", {});
    const current = { sessionId: demoSession, steps, index: 0, options, lastActivity: 0, busy: false };
    current.done = new Promise((resolve, reject) => Object.assign(current, { resolve, reject }));
    this.demo = current;
    await this.chat.useGuestSession(demoSession);
    if (this.demo !== current) return current.done;
    current.ready = true;
    window.addEventListener("keydown", this.onKey, true);
    window.addEventListener("keyup", this.onKey, true);
    if (options.onReady) options.onReady(0, steps.length);
    return current.done;
  }

  // ReflectieWidget.stopDemo: ends the demo like Esc; resolves after the cleanup.
  stop(reason = "stopped") {
    const current = this.demo;
    if (!current || current.stopping) return current ? current.done : Promise.resolve();
    current.stopping = true;
    current.reason = reason;
    current.ready = false;
    this.finish(current);
    return current.done;
  }

  async api(path, body) {
    const answer = await fetch(`${this.serverUrl}/webhooks/demos/${path}`, body === undefined
      ? { credentials: "omit" }
      : { method: "POST", credentials: "omit", headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body) });
    if (!answer.ok) throw new Error(`demo ${path}: HTTP ${answer.status}`);
    return answer.json();
  }

  // Keys of a presenter clicker advance, Esc stops; taken before the page (and the chat) sees them.
  onKey(event) {
    const current = this.demo;
    if (!current || !current.ready || event.ctrlKey || event.altKey || event.metaKey) return;
    const forward = ADVANCE_KEYS.has(event.key);
    if (!forward && event.key !== "Escape") return;
    event.preventDefault();
    event.stopPropagation();
    if (event.type !== "keydown" || event.repeat) return;
    if (event.key === "Escape") this.stop("stopped");
    else this.advance(current);
  }

  async advance(current) {
    if (current.busy) return;
    current.busy = true;
    const step = current.steps[current.index];
    current.index += 1;
    if (!step) {
      this.stop("end");
      return;
    }
    if (current.options.onStep) current.options.onStep(current.index, current.steps.length, step);
    current.turn = this.playStep(current, step);
    const ok = await current.turn;
    current.busy = false;
    if (!ok && this.demo === current) this.stop("stopped");
    else if (this.demo === current && !current.stopping && current.options.onReady) {
      current.options.onReady(current.index, current.steps.length);
    }
  }

  // Plays one step and waits for the reply; false when the demo cannot go on.
  async playStep(current, step) {
    if (step.note && current.options.onNote) current.options.onNote(step.note, step);
    const since = Date.now();
    if (step.kind === "say") {
      if (!(await this.typeAndSend(current, step.text))) return true;
    } else if (step.kind === "button") {
      if (!(await this.pressReply(current, step.text))) {
        if (!current.stopping) {
          console.warn(`ReflectieWidget demo: no button "${step.text}" in the last reply; demo stopped`);
        }
        return false;
      }
    } else if (step.kind === "later") {
      this.chat.clearReplies();
      this.chat.addDivider(step.text || TEXT.later);
      this.chat.send(step.payload || "/session_start");
    } else {
      return true; // a note for the facilitator only
    }
    await this.replyArrived(current, since);
    return true;
  }

  // Types like a person, then sends; false when the demo was stopped meanwhile.
  async typeAndSend(current, text) {
    let typed = "";
    this.chat.setDraft(typed);
    for (const char of text) {
      if (current.stopping) return false;
      typed += char;
      this.chat.setDraft(typed);
      await sleep(TYPING_MS_PER_CHAR);
    }
    if (current.stopping) return false;
    this.chat.setDraft("");
    this.chat.send(text, text);
    return true;
  }

  // Presses the reply button with this title, waiting a moment for it; false if it never came.
  async pressReply(current, title) {
    for (let waited = 0; waited <= BUTTON_WAIT_MS && !current.stopping; waited += 100) {
      if (this.chat.pressReply(title)) return true;
      await sleep(100);
    }
    return false;
  }

  // Resolves when the assistant has answered (and then stayed quiet for a moment).
  async replyArrived(current, since) {
    const deadline = since + REPLY_TIMEOUT_MS;
    while (this.demo === current && Date.now() < deadline) {
      const answered = current.lastActivity > since && !this.chat.isTyping();
      if (answered && Date.now() - current.lastActivity >= REPLY_SETTLE_MS) return;
      await sleep(100);
    }
  }

  async finish(current) {
    // let a turn in progress finish, so nothing is written after the cleanup
    if (current.turn) await Promise.race([current.turn, sleep(REPLY_TIMEOUT_MS / 4)]);
    if (this.demo === current) this.demo = null;
    window.removeEventListener("keydown", this.onKey, true);
    window.removeEventListener("keyup", this.onKey, true);
    // back to the visitor's own conversation (shown when the chat is opened again)
    const demoSession = this.chat.endGuestSession() || current.sessionId;
    let error = null;
    try {
      await this.api("cleanup", { session_id: demoSession });
    } catch (problem) {
      error = problem;
      console.warn("ReflectieWidget demo: cleanup failed", problem);
    }
    this.chat.clear();
    this.chat.setDraft("");
    if (current.options.onEnd) current.options.onEnd(current.reason);
    if (error) current.reject(error);
    else current.resolve(current.reason);
  }
}
