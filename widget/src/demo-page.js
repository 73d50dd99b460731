// The demo page (/widget/): with `?demo=<id>` it plays that facilitator script in the
// widget, one step per key press. The hint for the facilitator (keys, step, the step's
// note) stays outside the chat; `&notes=0` hides the notes. Its `data-state` is
// loading | waiting (for a reply) | ready (for the next key) | done | failed.
import { DEMO_TEXT } from "./texts.js";

const params = new URLSearchParams(window.location.search);
const demoId = params.get("demo");

function hintBox() {
  const box = document.createElement("aside");
  box.className = "demo-hint";
  box.dataset.state = "loading";
  box.setAttribute("aria-label", DEMO_TEXT.label);
  const keys = document.createElement("p");
  keys.textContent = DEMO_TEXT.keys;
  const status = document.createElement("p");
  status.className = "demo-status";
  status.setAttribute("role", "status");
  const note = document.createElement("p");
  note.className = "demo-note";
  box.append(keys, status, note);
  document.body.append(box);
  return { box, status, note };
}

function whenWidgetReady() {
  return new Promise((resolve) => {
    if (window.ReflectieWidget && window.ReflectieWidget.playDemo) resolve(window.ReflectieWidget);
    else window.addEventListener("reflectie-widget:ready", () => resolve(window.ReflectieWidget), { once: true });
  });
}

async function play() {
  const hint = hintBox();
  const showNotes = params.get("notes") !== "0";
  hint.status.textContent = DEMO_TEXT.loading;
  const widget = await whenWidgetReady();
  try {
    const reason = await widget.playDemo(demoId, {
      onStep(index, total) {
        hint.box.dataset.state = "waiting";
        hint.note.textContent = "";
        hint.status.textContent = `${DEMO_TEXT.step(index, total)} · ${DEMO_TEXT.waiting}`;
      },
      onReady(index, total) {
        hint.box.dataset.state = "ready";
        hint.status.textContent = index === 0 ? DEMO_TEXT.ready
          : `${DEMO_TEXT.step(index, total)} · ${index === total ? DEMO_TEXT.last : DEMO_TEXT.next}`;
      },
      onNote(note) {
        if (showNotes) hint.note.textContent = note;
      },
    });
    hint.box.dataset.state = "done";
    hint.note.textContent = "";
    hint.status.textContent = reason === "end" ? DEMO_TEXT.done : DEMO_TEXT.stopped;
  } catch (error) {
    console.warn("Demo failed:", error);
    hint.box.dataset.state = "failed";
    hint.status.textContent = DEMO_TEXT.failed;
  }
}

if (demoId) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", play);
  else play();
}
