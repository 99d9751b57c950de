/*!
 * issqa help widget: answers about the International Space Station, with cited passages.
 *
 * Embed with one line (the script reads its own data-issqa-* attributes):
 *   <script src="https://HOST/widget.js" data-issqa-endpoint="https://HOST" defer></script>
 *
 * Plain JavaScript, no build step. Everything lives in a Shadow DOM, so the host page's CSS
 * cannot reach in and the widget's CSS cannot leak out. Every piece of text that comes from the
 * server is set with textContent, never parsed as HTML, and links are made only from http(s)
 * or site-relative URLs. Options and CSS custom properties: api/embed.md.
 */
(() => {
  "use strict";

  const TAG = "issqa-widget";
  const DEFAULTS = Object.freeze({
    label: "Ask about the station",
    heading: "Ask about the station",
    placeholder: "Type your question",
  });
  // Starter questions asked of the server (GET /suggestions) when the page gives none.
  const STARTERS = 4;
  const MAX_QUESTION_CHARS = 1000;
  const MAX_COMMENT_CHARS = 1000;
  const REQUEST_TIMEOUT_MS = 20000;
  const MAX_EXCHANGES = 20;
  // Earlier questions sent with each new one, so "Who built it?" is read in full by the server.
  const MAX_HISTORY = 6;
  const MARKER = /\[(\d{1,3})\]/g;
  const SVG_NS = "http://www.w3.org/2000/svg";

  const script = document.currentScript
    || document.querySelector("script[data-issqa-endpoint]");
  let scriptOrigin = null;
  try {
    if (script && script.src) scriptOrigin = new URL(script.src, document.baseURI).origin;
  } catch (_) { /* no usable src: the endpoint attribute is then required */ }

  const STYLES = `
:host {
  all: initial;
  --issqa-accent: #1d4ed8;
  --issqa-bg: #ffffff;
  --issqa-fg: #1b1f24;
  --issqa-muted: #57606a;
  --issqa-surface: #f3f5f8;
  --issqa-border: #d0d7de;
  --issqa-danger: #b42318;
  --issqa-mark: #fff3b0;
  --issqa-font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --issqa-font-size: 15px;
  --issqa-radius: 14px;
  --issqa-offset: 20px;
  --issqa-z-index: 2147483000;
  --issqa-panel-width: 400px;
  --issqa-panel-height: 640px;
  --issqa-shadow: 0 12px 40px rgba(15, 23, 42, 0.28);
}
:host([data-theme="dark"]) {
  --issqa-bg: #16191d; --issqa-fg: #e8eaed; --issqa-muted: #a6adb6; --issqa-surface: #22262b;
  --issqa-border: #3a4048; --issqa-danger: #ff8a80; --issqa-mark: #5a4b00;
}
@media (prefers-color-scheme: dark) {
  :host([data-theme="auto"]) {
    --issqa-bg: #16191d; --issqa-fg: #e8eaed; --issqa-muted: #a6adb6; --issqa-surface: #22262b;
    --issqa-border: #3a4048; --issqa-danger: #ff8a80; --issqa-mark: #5a4b00;
  }
}
[hidden] { display: none !important; }
*, *::before, *::after { box-sizing: border-box; }
.sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
button, input, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
.launcher, .panel {
  position: fixed; z-index: var(--issqa-z-index);
  bottom: var(--issqa-offset); right: var(--issqa-offset); left: auto;
  font-family: var(--issqa-font); font-size: var(--issqa-font-size); line-height: 1.5;
  text-align: start; letter-spacing: normal; -webkit-font-smoothing: antialiased;
}
:host([data-position="left"]) .launcher, :host([data-position="left"]) .panel {
  left: var(--issqa-offset); right: auto;
}
.launcher {
  display: inline-flex; align-items: center; gap: 8px; min-height: 48px; max-width: calc(100vw - 2 * var(--issqa-offset));
  padding: 12px 20px 12px 16px; border: 0; border-radius: 999px;
  background: var(--issqa-accent); color: var(--issqa-on-accent, var(--_on-accent, #fff));
  font-weight: 600; box-shadow: var(--issqa-shadow);
  transition: transform 0.15s ease, box-shadow 0.15s ease;
}
.launcher:hover { transform: translateY(-1px); }
.launcher svg { flex: none; width: 22px; height: 22px; }
.launcher span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.launcher:focus-visible {
  outline: none; box-shadow: 0 0 0 3px var(--issqa-bg), 0 0 0 6px var(--issqa-accent), var(--issqa-shadow);
}
.panel {
  display: flex; flex-direction: column; overflow: hidden;
  width: min(var(--issqa-panel-width), calc(100vw - 2 * var(--issqa-offset)));
  height: min(var(--issqa-panel-height), calc(100vh - 2 * var(--issqa-offset)));
  background: var(--issqa-bg); color: var(--issqa-fg);
  border: 1px solid var(--issqa-border); border-radius: var(--issqa-radius);
  box-shadow: var(--issqa-shadow);
  animation: issqa-in 0.16s ease-out;
}
@keyframes issqa-in { from { opacity: 0; transform: translateY(8px); } to { opacity: 1; transform: none; } }
@media (prefers-reduced-motion: reduce) {
  .panel, .launcher, .spinner { animation: none !important; transition: none !important; }
}
@media (max-width: 480px) {
  .panel {
    inset: 0 !important; width: 100%; height: 100%; max-height: 100dvh;
    border-radius: 0; border: 0;
  }
}
header {
  display: flex; align-items: center; gap: 8px; padding: 12px 12px 12px 18px;
  background: var(--issqa-accent); color: var(--issqa-on-accent, var(--_on-accent, #fff));
}
h2 { flex: 1; margin: 0; font-size: 1.05em; font-weight: 650; line-height: 1.3; }
.read-as { margin: 0 0 4px; font-size: 0.85em; opacity: 0.75; font-style: italic; }
.icon-button {
  display: inline-grid; place-items: center; width: 40px; height: 40px; padding: 0;
  border: 0; border-radius: 10px; background: transparent; color: inherit;
}
.icon-button:hover { background: rgba(127, 127, 127, 0.18); }
.icon-button svg { width: 20px; height: 20px; }
header .icon-button:focus-visible { outline: 2px solid currentColor; outline-offset: -4px; }
:focus-visible { outline: 2px solid var(--issqa-accent); outline-offset: 2px; }
.log {
  flex: 1; overflow-y: auto; overscroll-behavior: contain; padding: 16px 18px;
  display: flex; flex-direction: column; gap: 18px;
}
.intro p { margin: 0 0 10px; color: var(--issqa-muted); }
.suggestions { display: flex; flex-wrap: wrap; gap: 8px; margin: 0; padding: 0; list-style: none; }
.chip {
  padding: 6px 12px; border: 1px solid var(--issqa-border); border-radius: 999px;
  background: var(--issqa-surface); font-size: 0.9em; text-align: start;
}
.chip:hover { border-color: var(--issqa-accent); }
.exchange { display: flex; flex-direction: column; gap: 8px; }
.question {
  align-self: flex-end; max-width: 88%; margin: 0; padding: 8px 12px;
  border-radius: 14px 14px 4px 14px; background: var(--issqa-surface);
  white-space: pre-wrap; overflow-wrap: anywhere;
}
.answer { min-height: 1.5em; }
.answer-text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.loading { display: flex; align-items: center; gap: 10px; margin: 0; color: var(--issqa-muted); }
.spinner {
  width: 18px; height: 18px; border-radius: 50%; flex: none;
  border: 2px solid var(--issqa-border); border-top-color: var(--issqa-accent);
  animation: issqa-spin 0.8s linear infinite;
}
@keyframes issqa-spin { to { transform: rotate(360deg); } }
.marker {
  display: inline; margin: 0 1px; padding: 0 3px; border: 0; border-radius: 4px;
  background: transparent; color: var(--issqa-accent); font-weight: 650; font-size: 0.85em;
  vertical-align: baseline; line-height: inherit; text-decoration: underline dotted;
}
.marker:hover, .marker[aria-expanded="true"] { background: var(--issqa-surface); }
h3 {
  margin: 12px 0 6px; font-size: 0.78em; font-weight: 650; letter-spacing: 0.04em;
  text-transform: uppercase; color: var(--issqa-muted);
}
.sources, .related { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 6px; }
.source-toggle {
  display: flex; gap: 8px; width: 100%; padding: 6px 8px; border: 1px solid var(--issqa-border);
  border-radius: 8px; background: var(--issqa-bg); text-align: start; line-height: 1.35;
}
.source-toggle:hover { border-color: var(--issqa-accent); }
.source-toggle .n { flex: none; color: var(--issqa-accent); font-weight: 650; }
.source-toggle .t { flex: 1; overflow-wrap: anywhere; }
.source-toggle .chev { flex: none; display: inline-grid; place-items: center; transition: transform 0.15s ease; }
.source-toggle .chev svg { width: 16px; height: 16px; }
.source-toggle[aria-expanded="true"] .chev { transform: rotate(180deg); }
.passage {
  margin: 4px 0 4px 8px; padding: 8px 12px; border-left: 3px solid var(--issqa-accent);
  background: var(--issqa-surface); border-radius: 0 8px 8px 0;
}
.passage:focus { outline: none; }
.passage:focus-visible { outline: 2px solid var(--issqa-accent); outline-offset: 2px; }
.passage .section { margin: 0 0 4px; font-size: 0.82em; color: var(--issqa-muted); }
.passage blockquote { margin: 0 0 6px; white-space: pre-wrap; overflow-wrap: anywhere; }
.passage mark { background: var(--issqa-mark); color: inherit; border-radius: 2px; }
a { color: var(--issqa-accent); text-underline-offset: 2px; overflow-wrap: anywhere; }
.related a, .related span { display: inline-block; padding: 2px 0; }
.note { margin: 8px 0 0; font-size: 0.9em; color: var(--issqa-muted); }
.feedback { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 8px; font-size: 0.9em; color: var(--issqa-muted); }
.thumb {
  display: inline-grid; place-items: center; width: 36px; height: 36px; padding: 0;
  border: 1px solid var(--issqa-border); border-radius: 8px; background: var(--issqa-bg); color: var(--issqa-fg);
}
.thumb svg { width: 18px; height: 18px; }
.thumb[aria-pressed="true"] { background: var(--issqa-accent); border-color: var(--issqa-accent); color: var(--issqa-on-accent, var(--_on-accent, #fff)); }
.feedback-status { flex-basis: 100%; margin: 0; }
.comment { display: flex; flex-direction: column; gap: 6px; flex-basis: 100%; }
.comment textarea {
  width: 100%; min-height: 60px; padding: 8px; resize: vertical; color: var(--issqa-fg);
  background: var(--issqa-bg); border: 1px solid var(--issqa-border); border-radius: 8px;
}
.secondary {
  align-self: flex-start; padding: 6px 14px; border: 1px solid var(--issqa-border);
  border-radius: 8px; background: var(--issqa-bg); color: var(--issqa-fg); font-weight: 600;
}
.linkish { padding: 0; border: 0; background: none; color: var(--issqa-accent); text-decoration: underline; }
.error {
  padding: 10px 12px; border: 1px solid var(--issqa-danger); border-radius: 10px;
  color: var(--issqa-fg); background: var(--issqa-surface);
}
.error p { margin: 0 0 8px; }
.error strong { color: var(--issqa-danger); }
.retry[aria-disabled="true"] { opacity: 0.55; cursor: not-allowed; }
form.ask {
  display: flex; gap: 8px; padding: 12px; border-top: 1px solid var(--issqa-border);
  background: var(--issqa-bg);
}
form.ask input {
  flex: 1; min-width: 0; min-height: 44px; padding: 8px 12px; font-size: max(16px, 1em);
  background: var(--issqa-bg); color: var(--issqa-fg);
  border: 1px solid var(--issqa-border); border-radius: 10px;
}
form.ask input:focus-visible { outline: 2px solid var(--issqa-accent); outline-offset: 0; border-color: var(--issqa-accent); }
.submit {
  flex: none; min-width: 64px; min-height: 44px; padding: 8px 16px; border: 0; border-radius: 10px;
  background: var(--issqa-accent); color: var(--issqa-on-accent, var(--_on-accent, #fff)); font-weight: 650;
}
.submit[aria-disabled="true"] { opacity: 0.6; cursor: progress; }
.fineprint { margin: 0; padding: 0 12px 10px; font-size: 0.75em; color: var(--issqa-muted); background: var(--issqa-bg); }
`;

  // --- small helpers -----------------------------------------------------------------------

  /** An element with attributes and children; strings become text nodes, never markup. */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on") && typeof value === "function") {
        node.addEventListener(key.slice(2), value);
      } else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) node.append(child);
    }
    return node;
  }

  const ICONS = {
    chat: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z",
    close: "M6 6l12 12M18 6L6 18",
    fresh: "M12 5v14M5 12h14",
    up: "M7 10v11H3V10h4zm0 0 4-8a3 3 0 0 1 3 3v4h5.5a2 2 0 0 1 2 2.3l-1.3 8A2 2 0 0 1 18.2 21H7",
    down: "M17 14V3h4v11h-4zm0 0-4 8a3 3 0 0 1-3-3v-4H4.5a2 2 0 0 1-2-2.3l1.3-8A2 2 0 0 1 5.8 3H17",
    chevron: "M6 9l6 6 6-6",
  };

  function icon(name) {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", "2");
    path.setAttribute("stroke-linecap", "round");
    path.setAttribute("stroke-linejoin", "round");
    svg.append(path);
    return svg;
  }

  /**
   * An http(s) URL for a link, or null. Accepted: absolute http(s) URLs, and site-relative
   * paths ("/station/...") resolved against `base`. Anything else (javascript:, data:,
   * protocol-relative "//host", "/\\host" tricks) gets no link.
   */
  function safeUrl(raw, base) {
    if (typeof raw !== "string") return null;
    const value = raw.trim();
    let url;
    try {
      if (/^https?:\/\//i.test(value)) {
        url = new URL(value);
      } else if (/^\/(?![/\\])/.test(value) && base) {
        const baseUrl = new URL(base);
        url = new URL(value, baseUrl);
        if (url.origin !== baseUrl.origin) return null;
      } else {
        return null;
      }
    } catch (_) {
      return null;
    }
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  }

  /** Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or null. */
  function retryAfterSeconds(header) {
    if (!header) return null;
    const text = header.trim();
    if (/^\d+$/.test(text)) return Math.min(Number(text), 86400);
    const when = Date.parse(text);
    if (Number.isNaN(when)) return null;
    return Math.max(0, Math.min(86400, Math.ceil((when - Date.now()) / 1000)));
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
  }

  const text = (value) => (typeof value === "string" ? value : value == null ? "" : String(value));

  /** A failed request, classified for the error state. */
  class RequestError extends Error {
    constructor(kind, message, { status = 0, retryAfter = null, retryable = true } = {}) {
      super(message);
      this.kind = kind;
      this.status = status;
      this.retryAfter = retryAfter;
      this.retryable = retryable;
    }
  }

  /** fetch() with a deadline; network failures and time-outs become RequestErrors. */
  async function send(url, init, controller = new AbortController()) {
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      return await fetch(url, { mode: "cors", credentials: "omit", ...init,
        signal: controller.signal });
    } catch (err) {
      if (controller.signal.aborted) {
        throw new RequestError("timeout", "The help service took too long to answer.");
      }
      throw new RequestError("network", "Could not reach the help service.");
    } finally {
      clearTimeout(timer);
    }
  }

  async function postJson(url, body) {
    const response = await send(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
    return readJson(response);
  }

  async function getJson(url) {
    return readJson(await send(url, { method: "GET", headers: { Accept: "application/json" } }));
  }

  /**
   * Ask through the OpenAI-compatible endpoint with stream: true. onText(textSoFar) is called
   * as each piece arrives (each verified sentence, when the server uses a language model); the
   * result has the shape of a POST /ask response, built from the last chunk.
   */
  async function streamChat(url, messages, onText) {
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      const response = await send(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify({ model: "issqa", messages, stream: true }),
      }, controller);
      if (!response.ok || !response.body) return await readJson(response);
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      let answer = "";
      let last = null;
      for (;;) {
        let chunk;
        try {
          chunk = await reader.read();
        } catch (_) {
          throw new RequestError(controller.signal.aborted ? "timeout" : "network",
            "The answer was cut off.");
        }
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          for (const line of event.split("\n")) {
            if (!line.startsWith("data:")) continue;
            const payload = line.slice(5).trim();
            if (payload === "[DONE]") continue;
            let data;
            try {
              data = JSON.parse(payload);
            } catch (_) {
              throw new RequestError("server", "The help service sent an answer it could not read.");
            }
            const delta = data && data.choices && data.choices[0] && data.choices[0].delta;
            if (delta && typeof delta.content === "string" && delta.content) {
              answer += delta.content;
              onText(answer);
            }
            if (data && data.issqa) last = data;
          }
        }
      }
      if (!last) throw new RequestError("server", "The answer was cut off.");
      return { status: response.status,
        data: { ...last.issqa, answer, citations: last.citations } };
    } finally {
      clearTimeout(deadline);
    }
  }

  async function readJson(response) {
    let data = null;
    try {
      data = await response.json();
    } catch (_) { /* not JSON: handled below */ }
    if (response.ok && data && typeof data === "object") return { status: response.status, data };
    const serverMessage = data && data.error && typeof data.error.message === "string"
      ? data.error.message : "";
    if (response.status === 429) {
      throw new RequestError("rate", "Too many questions at once.", {
        status: 429, retryAfter: retryAfterSeconds(response.headers.get("Retry-After")),
      });
    }
    if (response.status >= 500) {
      throw new RequestError("server", "The help service had a problem.", { status: response.status });
    }
    if (response.ok) {
      throw new RequestError("server", "The help service sent an answer it could not read.",
        { status: response.status });
    }
    throw new RequestError("client", serverMessage || `The request was refused (${response.status}).`,
      { status: response.status, retryable: false });
  }

  let instances = 0;

  // --- the element -------------------------------------------------------------------------

  class IssqaWidget extends HTMLElement {
    static get observedAttributes() {
      return ["endpoint", "accent", "position", "heading", "label", "placeholder",
        "link-base", "theme", "suggestions", "stream"];
    }

    constructor() {
      super();
      this._uid = `w${++instances}`;
      this._seq = 0;
      this._busy = false;
      this._thread = [];
      this._isOpen = false;
      this._root = this.attachShadow({ mode: "open" });
      this._themeSheet = null;
      this._build();
    }

    connectedCallback() {
      this._applyConfig();
    }

    attributeChangedCallback() {
      if (this._built) this._applyConfig();
    }

    // Public API: open(), close(), toggle(), ask(question), newConversation().
    get isOpen() { return this._isOpen; }

    open() {
      if (this._isOpen) return;
      this._isOpen = true;
      this._panel.hidden = false;
      this._launcher.hidden = true;
      this._launcher.setAttribute("aria-expanded", "true");
      this._input.focus();
      this._updateContrast(this._accent);
      if (this.getAttribute("suggestions") === null) this._loadStarters();
      this._emit("issqa-open");
    }

    close() {
      if (!this._isOpen) return;
      this._isOpen = false;
      this._panel.hidden = true;
      this._launcher.hidden = false;
      this._launcher.setAttribute("aria-expanded", "false");
      this._launcher.focus();
      this._emit("issqa-close");
    }

    toggle() {
      if (this._isOpen) this.close(); else this.open();
    }

    ask(question) {
      this.open();
      this._input.value = text(question);
      this._submit();
    }

    get endpoint() {
      const raw = (this.getAttribute("endpoint") || scriptOrigin || "").trim();
      try {
        const url = new URL(raw, document.baseURI);
        if (url.protocol !== "http:" && url.protocol !== "https:") return null;
        return url.href.replace(/\/+$/, "");
      } catch (_) {
        return null;
      }
    }

    // --- building ----------------------------------------------------------------------------

    _build() {
      const root = this._root;
      const sheetSupport = "adoptedStyleSheets" in Document.prototype
        && "replaceSync" in CSSStyleSheet.prototype;
      if (sheetSupport) {
        // Constructed style sheets are not inline styles, so a host page whose CSP forbids
        // 'unsafe-inline' styles still shows the widget styled.
        const base = new CSSStyleSheet();
        base.replaceSync(STYLES);
        this._themeSheet = new CSSStyleSheet();
        root.adoptedStyleSheets = [base, this._themeSheet];
      } else {
        root.append(h("style", { text: STYLES }));
        this._themeStyle = h("style");
        root.append(this._themeStyle);
      }

      const ids = {
        panel: `${this._uid}-panel`, heading: `${this._uid}-heading`,
        input: `${this._uid}-input`, hint: `${this._uid}-hint`,
      };
      this._labelText = h("span");
      this._launcher = h("button", {
        type: "button", class: "launcher", part: "launcher", "aria-haspopup": "dialog",
        "aria-expanded": "false", "aria-controls": ids.panel,
        onclick: () => this.open(),
      }, icon("chat"), this._labelText);

      this._heading = h("h2", { id: ids.heading });
      this._newButton = h("button", {
        type: "button", class: "icon-button new-conversation", "aria-label": "New conversation",
        title: "New conversation", onclick: () => this.newConversation(),
      }, icon("fresh"));
      this._closeButton = h("button", {
        type: "button", class: "icon-button close", "aria-label": "Close", title: "Close (Esc)",
        onclick: () => this.close(),
      }, icon("close"));

      this._log = h("div", { class: "log", part: "log" });
      this._intro = h("div", { class: "intro" },
        h("p", { text: "Ask a question about the International Space Station. Each answer "
          + "quotes station pages, with numbered sources you can open." }));
      this._suggestions = h("ul", { class: "suggestions", "aria-label": "Example questions" });
      this._intro.append(this._suggestions);
      this._log.append(this._intro);

      this._input = h("input", {
        id: ids.input, type: "text", name: "question", autocomplete: "off",
        maxlength: MAX_QUESTION_CHARS, enterkeyhint: "send", "aria-describedby": ids.hint,
        required: true,
      });
      this._submitButton = h("button", { type: "submit", class: "submit", text: "Ask" });
      this._form = h("form", { class: "ask", novalidate: true, onsubmit: (e) => {
        e.preventDefault();
        this._submit();
      } },
      h("label", { class: "sr-only", for: ids.input, text: "Your question" }),
      this._input, this._submitButton);

      this._panel = h("div", {
        id: ids.panel, class: "panel", part: "panel", role: "dialog", "aria-modal": "true",
        "aria-labelledby": ids.heading, hidden: true,
        onkeydown: (e) => this._onKeydown(e),
      },
      h("header", {}, this._heading, this._newButton, this._closeButton),
      this._log,
      this._form,
      h("p", { class: "fineprint", id: ids.hint,
        text: "Answers quote the station pages; open a source to check it. Esc closes." }));

      root.append(this._launcher, this._panel);
      this._built = true;
    }

    _applyConfig() {
      const attr = (name) => {
        const value = this.getAttribute(name);
        return value === null ? null : value.trim();
      };
      const label = attr("label") || DEFAULTS.label;
      this._labelText.textContent = label;
      this._launcher.setAttribute("aria-label", label);
      this._heading.textContent = attr("heading") || DEFAULTS.heading;
      this._input.placeholder = attr("placeholder") || DEFAULTS.placeholder;

      const position = (attr("position") || "right").toLowerCase();
      if (position !== "left" && position !== "right") {
        console.warn(`issqa widget: position must be "left" or "right", got "${position}"`);
      }
      this.dataset.position = position === "left" ? "left" : "right";
      const theme = (attr("theme") || "light").toLowerCase();
      this.dataset.theme = ["light", "dark", "auto"].includes(theme) ? theme : "light";

      const suggestions = attr("suggestions");
      if (suggestions === null) {
        // Fetched when the panel first opens (pages where nobody opens it ask for nothing).
        this._showStarters(this._starters || []);
        if (this._isOpen) this._loadStarters();
      } else {
        this._showStarters(suggestions.split("|").map((s) => s.trim())
          .filter((s) => s && s.toLowerCase() !== "none").slice(0, 6));
      }

      let accent = attr("accent");
      if (accent && !(window.CSS && window.CSS.supports("color", accent))) {
        console.warn(`issqa widget: accent must be a CSS colour, got "${accent}"`);
        accent = null;
      }
      this._accent = accent;
      this._setThemeCss(accent ? `:host { --issqa-accent: ${accent}; }` : "");
      if (!this.endpoint) {
        console.error("issqa widget: set data-issqa-endpoint to the issqa server, e.g. "
          + "https://help.example.org");
      }
      // The text colour on the accent follows the accent actually in effect, which a host
      // page's CSS (--issqa-accent on issqa-widget) may have set instead of the attribute.
      requestAnimationFrame(() => this._updateContrast(accent));
    }

    _showStarters(list) {
      this._suggestions.replaceChildren(...list.map((q) => h("li", {},
        h("button", { type: "button", class: "chip", text: q, onclick: () => this.ask(q) }))));
      this._suggestions.hidden = list.length === 0;
    }

    // Starter questions from the server's FAQs, fetched once per endpoint; without them the
    // intro simply shows none.
    async _loadStarters() {
      const endpoint = this.endpoint;
      if (!endpoint || this._startersFrom === endpoint) return;
      this._startersFrom = endpoint;
      try {
        const { data } = await getJson(`${endpoint}/suggestions?n=${STARTERS}`);
        this._starters = (Array.isArray(data.questions) ? data.questions : []).map(text)
          .filter(Boolean).slice(0, 6);
        if (this.getAttribute("suggestions") === null) this._showStarters(this._starters);
      } catch (err) {
        this._startersFrom = null;
        console.warn(`issqa widget: no starter questions from ${endpoint}/suggestions:`,
          err && err.message);
      }
    }

    _setThemeCss(css) {
      if (this._themeSheet) this._themeSheet.replaceSync(css);
      else if (this._themeStyle) this._themeStyle.textContent = css;
    }

    _updateContrast(accentCss) {
      const probe = h("span", { hidden: true });
      probe.style.color = "var(--issqa-accent)";
      this._root.append(probe);
      const match = getComputedStyle(probe).color.match(/[\d.]+/g);
      probe.remove();
      if (!match || match.length < 3) return;
      const [r, g, b] = match.slice(0, 3).map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      // Pick whichever of white and near-black contrasts more with the accent (WCAG ratio).
      const onAccent = (1.05 / (luminance + 0.05)) >= ((luminance + 0.05) / 0.05) ? "#ffffff" : "#111111";
      const accentRule = accentCss ? `--issqa-accent: ${accentCss}; ` : "";
      this._setThemeCss(`:host { ${accentRule}--_on-accent: ${onAccent}; }`);
    }

    _emit(name, detail) {
      this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
    }

    // --- keyboard -----------------------------------------------------------------------------

    _focusable() {
      const candidates = this._panel.querySelectorAll(
        "button, a[href], input, textarea, [tabindex]:not([tabindex='-1'])");
      return Array.from(candidates).filter((node) => !node.disabled
        && !node.closest("[hidden]") && node.getClientRects().length > 0);
    }

    _onKeydown(event) {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        this.close();
        return;
      }
      if (event.key !== "Tab") return;
      const items = this._focusable();
      if (items.length === 0) return;
      const first = items[0];
      const last = items[items.length - 1];
      const active = this._root.activeElement;
      const inside = active && this._panel.contains(active);
      if (event.shiftKey && (active === first || !inside)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !inside)) {
        event.preventDefault();
        first.focus();
      }
    }

    // --- asking -------------------------------------------------------------------------------

    _submit() {
      const question = this._input.value.trim();
      if (!question) {
        this._input.focus();
        return;
      }
      if (this._busy) return;
      this._input.value = "";
      this._intro.hidden = true;
      const ex = this._newExchange(question);
      this._run(ex);
    }

    _newExchange(question) {
      const n = ++this._seq;
      const id = `${this._uid}-x${n}`;
      const answer = h("div", { class: "answer", "aria-live": "polite" });
      const node = h("article", { class: "exchange", "aria-labelledby": `${id}-q` },
        h("p", { class: "question", id: `${id}-q` },
          h("span", { class: "sr-only", text: "You asked: " }), question),
        answer);
      this._log.append(node);
      const exchanges = this._log.querySelectorAll(".exchange");
      if (exchanges.length > MAX_EXCHANGES) exchanges[0].remove();
      // The thread as it was when this question was asked (a retry sends the same).
      const history = this._thread.slice(-MAX_HISTORY);
      return { id, question, history, node, answer, timer: null, answered: false };
    }

    // Forget the thread: earlier questions are no longer sent, and the log starts over.
    newConversation() {
      this._thread = [];
      for (const node of this._log.querySelectorAll(".exchange")) node.remove();
      this._intro.hidden = false;
      this._input.value = "";
      this._input.focus();
      this._emit("issqa-new-conversation", {});
    }

    async _run(ex) {
      clearInterval(ex.timer);
      this._setBusy(true);
      ex.answer.setAttribute("aria-busy", "true");
      ex.answer.replaceChildren(h("p", { class: "loading" },
        h("span", { class: "spinner", "aria-hidden": "true" }),
        h("span", { text: "Looking for an answer…" })));
      this._scrollTo(ex.node);
      const endpoint = this.endpoint;
      try {
        if (!endpoint) {
          throw new RequestError("config", "This widget has no server address configured.",
            { retryable: false });
        }
        let data;
        if (this._streaming()) {
          const messages = [...ex.history, ex.question].map((q) => ({ role: "user", content: q }));
          const paragraph = h("p", { class: "answer-text streaming" });
          ({ data } = await streamChat(`${endpoint}/v1/chat/completions`, messages, (sofar) => {
            // The text so far, as plain text; markers become buttons once the sources arrive.
            if (!paragraph.isConnected) ex.answer.replaceChildren(paragraph);
            paragraph.textContent = sofar;
          }));
        } else {
          const body = { question: ex.question };
          if (ex.history.length > 0) body.history = ex.history;
          ({ data } = await postJson(`${endpoint}/ask`, body));
        }
        this._renderAnswer(ex, data);
        if (!ex.answered) {
          ex.answered = true;
          this._thread.push(ex.question);
        }
        this._emit("issqa-answer", { answerId: text(data.answer_id), abstained: !!data.abstained });
      } catch (err) {
        if (!(err instanceof RequestError)) {
          console.error("issqa widget:", err);
          err = new RequestError("client", "Something went wrong while showing the answer.");
        }
        if (err.kind === "network") {
          console.warn(`issqa widget: could not reach ${endpoint}/ask. Is the server running, `
            + `and is this page's origin (${location.origin}) in ISSQA_ALLOWED_ORIGINS?`);
        }
        this._renderError(ex, err);
      } finally {
        ex.answer.removeAttribute("aria-busy");
        this._setBusy(false);
      }
    }

    _streaming() {
      return (this.getAttribute("stream") || "").trim().toLowerCase() === "true";
    }

    _setBusy(busy) {
      this._busy = busy;
      this._submitButton.setAttribute("aria-disabled", busy ? "true" : "false");
      this._submitButton.textContent = busy ? "Asking…" : "Ask";
    }

    _scrollTo(node) {
      requestAnimationFrame(() => {
        if (typeof node.scrollIntoView === "function") node.scrollIntoView({ block: "nearest" });
      });
    }

    _renderAnswer(ex, data) {
      const answerText = text(data.answer);
      const citations = new Map();
      for (const c of Array.isArray(data.citations) ? data.citations : []) {
        if (c && Number.isInteger(c.n)) citations.set(c.n, c);
      }
      const linkBase = this.getAttribute("link-base") || this.endpoint;
      const parts = [];
      const sources = new Map();

      // The answer, with each known [n] marker turned into a button that opens source n.
      const paragraph = h("p", { class: "answer-text" });
      let last = 0;
      for (const match of answerText.matchAll(MARKER)) {
        const n = Number(match[1]);
        const citation = citations.get(n);
        if (!citation) continue;
        const sentence = answerText.slice(last, match.index).replace(/\s*\[\d{1,3}\]\s*/g, " ").trim();
        if (sentence && !citation._sentence) citation._sentence = sentence;
        paragraph.append(answerText.slice(last, match.index));
        paragraph.append(h("button", {
          type: "button", class: "marker", text: `[${n}]`, "aria-expanded": "false",
          "aria-controls": `${ex.id}-s${n}`,
          "aria-label": `Source ${n}: ${text(citation.title)}`,
          onclick: () => this._toggleSource(ex, n, { focus: true }),
        }));
        last = match.index + match[0].length;
      }
      paragraph.append(answerText.slice(last));
      // A follow-up was read with the thread: say how, so a wrong reading is visible.
      const readAs = text(data.interpreted_as);
      if (ex.history.length > 0 && readAs && readAs !== ex.question) {
        parts.push(h("p", { class: "read-as", text: `Read as: ${readAs}` }));
      }
      parts.push(paragraph);

      if (citations.size > 0) {
        const list = h("ol", { class: "sources", "aria-label": "Sources" });
        for (const [n, c] of [...citations.entries()].sort((a, b) => a[0] - b[0])) {
          const passageId = `${ex.id}-s${n}`;
          const toggle = h("button", {
            type: "button", class: "source-toggle", "aria-expanded": "false",
            "aria-controls": passageId,
            onclick: () => this._toggleSource(ex, n, { focus: false }),
          },
          h("span", { class: "n", text: `[${n}]` }),
          h("span", { class: "t", text: text(c.title) || "Untitled page" }),
          h("span", { class: "chev" }, icon("chevron")));
          const href = safeUrl(c.url, linkBase);
          const passage = h("div", {
            class: "passage", id: passageId, role: "region", tabindex: "-1",
            "aria-label": `Source ${n}: ${text(c.title)}`, hidden: true,
          },
          c.section ? h("p", { class: "section", text: `Section: ${text(c.section)}` }) : null,
          h("blockquote", {}, this._snippet(text(c.snippet), c._sentence)),
          href ? h("a", { href, target: "_blank", rel: "noopener noreferrer",
            "aria-label": `Read the full page: ${text(c.title)} (opens in a new tab)` },
          "Read the full page", h("span", { class: "ext", "aria-hidden": "true", text: "\u00a0↗" }))
            : null);
          const item = h("li", {}, toggle, passage);
          sources.set(n, { toggle, passage });
          list.append(item);
        }
        parts.push(h("h3", { text: "Sources" }), list);
      }

      const related = Array.isArray(data.related) ? data.related : [];
      if (related.length > 0) {
        const list = h("ul", { class: "related", "aria-label": "Related pages" });
        for (const page of related) {
          if (!page) continue;
          const title = text(page.title) || "Untitled page";
          const href = safeUrl(page.url, linkBase);
          list.append(h("li", {}, href
            ? h("a", { href, target: "_blank", rel: "noopener noreferrer",
              "aria-label": `${title} (opens in a new tab)` },
            title, h("span", { class: "ext", "aria-hidden": "true", text: "\u00a0↗" }))
            : h("span", { text: title })));
        }
        parts.push(h("h3", { text: "Related pages" }), list);
      } else if (data.abstained) {
        parts.push(h("p", { class: "note", text: "No related pages were found either." }));
      }

      // Questions to ask next (FAQs near this one), each a button that asks it.
      const next = (Array.isArray(data.related_questions) ? data.related_questions : [])
        .map(text).filter(Boolean).slice(0, 3);
      if (next.length > 0) {
        parts.push(h("h3", { text: "You might also ask" }),
          h("ul", { class: "suggestions next-questions", "aria-label": "You might also ask" },
            ...next.map((q) => h("li", {}, h("button", {
              type: "button", class: "chip", text: q, onclick: () => this.ask(q),
            })))));
      }

      const answerId = text(data.answer_id);
      if (/^[0-9a-f]{32}$/.test(answerId)) parts.push(this._feedback(ex, answerId));

      ex.sources = sources;
      ex.answer.replaceChildren(...parts);
      this._scrollTo(ex.node);
    }

    /** The snippet as text, with the quoted sentence marked when it is found verbatim. */
    _snippet(snippet, sentence) {
      const at = sentence ? snippet.indexOf(sentence) : -1;
      if (at < 0) return snippet;
      const frag = document.createDocumentFragment();
      frag.append(snippet.slice(0, at), h("mark", { text: sentence }),
        snippet.slice(at + sentence.length));
      return frag;
    }

    _toggleSource(ex, n, { focus }) {
      const source = ex.sources && ex.sources.get(n);
      if (!source) return;
      const opening = source.passage.hidden || Boolean(focus);
      source.passage.hidden = !opening;
      source.toggle.setAttribute("aria-expanded", String(opening));
      for (const marker of ex.answer.querySelectorAll(`.marker[aria-controls="${ex.id}-s${n}"]`)) {
        marker.setAttribute("aria-expanded", String(opening));
      }
      if (opening && focus) {
        source.passage.focus({ preventScroll: true });
        source.passage.scrollIntoView({ block: "nearest" });
      }
    }

    _renderError(ex, err) {
      let title = "Sorry, no answer this time.";
      let detail = err.message;
      if (err.kind === "network") {
        title = "Could not reach the help service.";
        detail = "Check your connection, then try again.";
      } else if (err.kind === "timeout") {
        title = "The help service is taking too long.";
        detail = "Please try again in a moment.";
      } else if (err.kind === "server") {
        title = "The help service had a problem.";
        detail = err.status ? `Please try again. (Error ${err.status})` : "Please try again.";
      } else if (err.kind === "rate") {
        title = "Too many questions right now.";
      }
      const detailNode = h("p", { text: detail });
      const box = h("div", { class: "error", role: "alert" },
        h("p", {}, h("strong", { text: title })), detailNode);
      if (err.retryable) {
        const retry = h("button", {
          type: "button", class: "secondary retry", text: "Try again",
          onclick: () => {
            if (retry.getAttribute("aria-disabled") === "true" || this._busy) return;
            // The button is replaced while the request runs; keep focus in the panel.
            this._input.focus();
            this._run(ex).then(() => {
              const again = ex.answer.querySelector(".retry");
              if (again) again.focus();
            });
          },
        });
        box.append(retry);
        if (err.kind === "rate") {
          let left = err.retryAfter;
          const show = () => {
            if (left && left > 0) {
              detailNode.textContent = `You can try again in ${plural(left, "second")}.`;
              retry.setAttribute("aria-disabled", "true");
            } else {
              detailNode.textContent = "You can try again now.";
              retry.setAttribute("aria-disabled", "false");
              clearInterval(ex.timer);
            }
          };
          show();
          if (left && left > 0) {
            ex.timer = setInterval(() => {
              left -= 1;
              show();
            }, 1000);
          }
        }
      }
      ex.answer.replaceChildren(box);
      this._scrollTo(ex.node);
    }

    // --- feedback -----------------------------------------------------------------------------

    _feedback(ex, answerId) {
      const status = h("p", { class: "feedback-status", role: "status" });
      const state = { helpful: null, commentOpen: false };
      const send = async (body) => {
        const endpoint = this.endpoint;
        if (!endpoint) throw new RequestError("config", "no endpoint", { retryable: false });
        return postJson(`${endpoint}/feedback`, { answer_id: answerId, ...body });
      };
      const up = h("button", { type: "button", class: "thumb", "aria-pressed": "false",
        "aria-label": "Helpful", title: "Helpful" }, icon("up"));
      const down = h("button", { type: "button", class: "thumb", "aria-pressed": "false",
        "aria-label": "Not helpful", title: "Not helpful" }, icon("down"));
      const commentBox = h("textarea", { maxlength: MAX_COMMENT_CHARS, rows: "2",
        id: `${ex.id}-comment`, placeholder: "What was missing or wrong? (optional)" });
      const sendComment = h("button", { type: "button", class: "secondary", text: "Send comment" });
      const comment = h("div", { class: "comment", hidden: true },
        h("label", { class: "sr-only", for: `${ex.id}-comment`, text: "Comment on this answer" }),
        commentBox, sendComment);
      const addComment = h("button", { type: "button", class: "linkish", text: "Add a comment",
        hidden: true });

      const vote = async (helpful) => {
        const previous = state.helpful;
        state.helpful = helpful;
        up.setAttribute("aria-pressed", String(helpful === true));
        down.setAttribute("aria-pressed", String(helpful === false));
        status.textContent = "Sending…";
        try {
          await send({ helpful });
          status.textContent = "Thanks for your feedback.";
          if (!state.commentOpen) addComment.hidden = false;
          this._emit("issqa-feedback", { answerId, helpful });
        } catch (_) {
          state.helpful = previous;
          up.setAttribute("aria-pressed", String(previous === true));
          down.setAttribute("aria-pressed", String(previous === false));
          status.textContent = "Could not send your feedback. Please try again.";
        }
      };
      up.addEventListener("click", () => vote(true));
      down.addEventListener("click", () => vote(false));
      addComment.addEventListener("click", () => {
        state.commentOpen = true;
        addComment.hidden = true;
        comment.hidden = false;
        commentBox.focus();
      });
      sendComment.addEventListener("click", async () => {
        const value = commentBox.value.trim();
        if (!value || state.helpful === null) {
          commentBox.focus();
          return;
        }
        status.textContent = "Sending…";
        try {
          await send({ helpful: state.helpful, comment: value });
          comment.hidden = true;
          status.textContent = "Thanks, your comment was sent.";
          status.setAttribute("tabindex", "-1");
          status.focus();
        } catch (_) {
          status.textContent = "Could not send your comment. Please try again.";
        }
      });
      return h("div", { class: "feedback", role: "group", "aria-label": "Was this answer helpful?" },
        h("span", { text: "Was this helpful?" }), up, down, addComment, comment, status);
    }
  }

  if (!customElements.get(TAG)) customElements.define(TAG, IssqaWidget);

  // The one-line embed: copy this script's data-issqa-* attributes onto a new element.
  const data = script ? script.dataset : {};
  if (data.issqaAutoload === "false") return;
  const mapping = {
    issqaEndpoint: "endpoint", issqaAccent: "accent", issqaPosition: "position",
    issqaTitle: "heading", issqaLabel: "label", issqaPlaceholder: "placeholder",
    issqaLinkBase: "link-base", issqaTheme: "theme", issqaSuggestions: "suggestions",
    issqaStream: "stream",
  };
  const mount = () => {
    if (document.querySelector(TAG)) return; // placed by hand, or the script is included twice
    const widget = document.createElement(TAG);
    for (const [key, attribute] of Object.entries(mapping)) {
      if (data[key] !== undefined) widget.setAttribute(attribute, data[key]);
    }
    document.body.append(widget);
  };
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
})();
