// Small DOM and storage helpers shared by the widget's modules.

// An element with attributes and, optionally, text (always as textContent, never as HTML).
export function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

// window.localStorage or window.sessionStorage, or null when the browser blocks it.
export function storage(kind) {
  try {
    const store = window[kind];
    store.getItem("x");
    return store;
  } catch (_) {
    return null; // storage blocked (private mode, sandboxed frame): no persistence
  }
}
