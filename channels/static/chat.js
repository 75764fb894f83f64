// Ieum web chat widget. Embed it on any allowed site with one script tag and
// a container:
//   <div id="ieum-chat"></div>
//   <script src="https://<edge>/webhooks/webchat/chat.js" defer></script>
// (data-container="<id>" on the script tag picks another container.)
//
// Safety: every text (the user's, the bot's, slot values echoed back) is set
// with textContent, never as HTML; links become anchors only for https:,
// tel: and the edge's own pages (the counter card), so nothing a user or the
// catalogue writes can run as script. The session is a token the edge signs;
// the widget keeps it and the transcript in sessionStorage so a reload
// resumes the same conversation (closing the tab ends it).
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) { return; }
  var base = new URL(".", script.src);              // https://<edge>/webhooks/webchat/
  var edgeOrigin = base.origin;
  var containerId = script.getAttribute("data-container") || "ieum-chat";
  var root = document.getElementById(containerId);
  if (!root) { root = document.createElement("div"); root.id = containerId; document.body.appendChild(root); }
  if (root.getAttribute("data-ieum-ready")) { return; }
  root.setAttribute("data-ieum-ready", "1");

  var STORE = "ieum-chat:" + edgeOrigin + ":";
  var MAX_STORED = 200;
  // Tier-1 languages by their own names; choosing one asks the bot to switch.
  var LANGUAGES = [["", "🌐 Auto"], ["ko", "한국어"], ["en", "English"], ["zh", "中文"], ["vi", "Tiếng Việt"],
    ["th", "ไทย"], ["ru", "Русский"], ["uz", "Oʻzbekcha"], ["ne", "नेपाली"], ["mn", "Монгол"],
    ["id", "Bahasa Indonesia"], ["tl", "Filipino"], ["km", "ខ្មែរ"]];

  function stored(key) { try { return window.sessionStorage.getItem(STORE + key); } catch (e) { return null; } }
  function store(key, value) { try { window.sessionStorage.setItem(STORE + key, value); } catch (e) { /* private mode */ } }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // The style sheet comes from the edge too (the host page's CSP must allow it).
  if (!document.querySelector("link[data-ieum-style]")) {
    var sheet = document.createElement("link");
    sheet.rel = "stylesheet"; sheet.href = new URL("chat.css", base).href; sheet.setAttribute("data-ieum-style", "1");
    document.head.appendChild(sheet);
  }

  // --- layout -------------------------------------------------------------
  root.classList.add("ieum-chat");
  root.setAttribute("role", "region");
  root.setAttribute("aria-label", "Ieum chat: public services for foreign residents");
  var header = el("div", "ieum-header");
  var title = el("p", "ieum-title", "Ieum ");
  title.appendChild(el("span", null, "이음")).setAttribute("lang", "ko");
  header.appendChild(title);
  header.appendChild(el("p", "ieum-subtitle", "Ask in your language · 모국어로 물어보세요 · Hỏi bằng tiếng của bạn"));
  var pickerLabel = el("label", "ieum-picker");
  pickerLabel.appendChild(el("span", "ieum-visually-hidden", "Conversation language"));
  var picker = el("select", "ieum-language");
  picker.setAttribute("aria-label", "Conversation language");
  LANGUAGES.forEach(function (pair) {
    var option = el("option", null, pair[1]);
    option.value = pair[0];
    if (pair[0]) { option.lang = pair[0]; }
    picker.appendChild(option);
  });
  pickerLabel.appendChild(picker);
  header.appendChild(pickerLabel);

  var log = el("ol", "ieum-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", "Conversation");
  log.tabIndex = 0;

  var form = el("form", "ieum-composer");
  form.setAttribute("autocomplete", "off");
  var inputId = containerId + "-input";
  var label = el("label", "ieum-visually-hidden", "Message");
  label.htmlFor = inputId;
  var input = el("input", "ieum-input");
  input.id = inputId; input.name = "message"; input.maxLength = 2000; input.required = true;
  input.placeholder = "Type a message… · 메시지를 입력하세요";
  var sendButton = el("button", "ieum-send", "Send");
  sendButton.type = "submit";
  sendButton.setAttribute("aria-label", "Send message");
  form.appendChild(label); form.appendChild(input); form.appendChild(sendButton);

  root.appendChild(header); root.appendChild(log); root.appendChild(form);

  // --- state --------------------------------------------------------------
  var session = stored("session");
  var transcript = [];
  try { transcript = JSON.parse(stored("transcript") || "[]"); } catch (e) { transcript = []; }
  if (!Array.isArray(transcript)) { transcript = []; }
  var language = stored("language") || "";
  picker.value = language;

  function remember(entry) {
    transcript.push(entry);
    if (transcript.length > MAX_STORED) { transcript = transcript.slice(-MAX_STORED); }
    store("transcript", JSON.stringify(transcript));
  }

  function currentLanguage() {
    return language || (navigator.language || "en").slice(0, 2).toLowerCase();
  }

  // https links anywhere, phone numbers, and the edge's own pages (the counter card).
  function safeLink(url) {
    try {
      var u = new URL(url, base);
      if (u.protocol === "https:" || u.protocol === "tel:" || u.origin === edgeOrigin) { return u.href; }
    } catch (e) { /* not a URL */ }
    return null;
  }

  function addBubble(kind, text) {
    var item = el("li", "ieum-msg ieum-" + kind);
    item.appendChild(el("p", "ieum-text", text));
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  function linkButton(title, href, className) {
    var a = el("a", className || "ieum-link", title);
    a.href = href;
    if (href.indexOf("tel:") !== 0) {
      a.target = "_blank"; a.rel = "noopener noreferrer";
      a.setAttribute("aria-label", title + " (opens in a new tab)");
    }
    return a;
  }

  function renderReply(reply, live) {
    var item = addBubble("bot", reply.text || "");
    if (reply.kind === "service") { item.classList.add("ieum-card"); }
    if (reply.service_id) { item.setAttribute("data-service-id", reply.service_id); }
    var links = Array.isArray(reply.links) ? reply.links : [];
    var hasCard = false;
    if (links.length || reply.service_id) {
      var box = el("div", "ieum-links");
      links.forEach(function (l) {
        var href = l && safeLink(l.url);
        if (!href) { return; }
        if (href.indexOf("/webhooks/webchat/card/") !== -1) { hasCard = true; }
        box.appendChild(linkButton(l.title || href, href));
      });
      if (reply.service_id && !hasCard) {
        // The counter card: the service in Korean next to the user's language, to show a clerk.
        var card = new URL("card/" + encodeURIComponent(reply.service_id), base);
        card.searchParams.set("lang", currentLanguage());
        box.appendChild(linkButton("🪪 Counter card · 창구 안내문", card.href, "ieum-link ieum-counter-card"));
      }
      if (box.childNodes.length) { item.appendChild(box); }
    }
    var buttons = Array.isArray(reply.buttons) ? reply.buttons : [];
    if (buttons.length) {
      var row = el("div", "ieum-buttons");
      row.setAttribute("role", "group");
      row.setAttribute("aria-label", "Suggested replies");
      buttons.forEach(function (b) {
        if (!b || typeof b.payload !== "string") { return; }
        var button = el("button", "ieum-choice", b.title || b.payload);
        button.type = "button";
        button.addEventListener("click", function () { send(b.payload, b.title); input.focus(); });
        row.appendChild(button);
      });
      item.appendChild(row);
    }
    if (live) { remember({ who: "bot", reply: reply }); }
  }

  function addUser(text, live) {
    addBubble("user", text);
    if (live) { remember({ who: "user", text: text }); }
  }

  function addError(text) {
    var item = addBubble("error", text);
    item.setAttribute("role", "alert");
  }

  function send(text, shown) {
    addUser(shown || text, true);
    log.setAttribute("aria-busy", "true");
    fetch(new URL("webhook", base).href, {
      method: "POST",
      mode: "cors",
      credentials: "omit",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session: session, message: text, metadata: { browser_language: navigator.language || "" } })
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; }, function () { return { ok: false, body: {} }; });
    }).then(function (res) {
      log.removeAttribute("aria-busy");
      if (!res.ok) { addError((res.body && res.body.error) || "Something went wrong. Please try again."); return; }
      if (typeof res.body.session === "string") { session = res.body.session; store("session", session); }
      (res.body.replies || []).forEach(function (reply) { renderReply(reply, true); });
    }).catch(function () {
      log.removeAttribute("aria-busy");
      addError("The assistant is not reachable right now. Please try again, or call 1345.");
    });
  }

  // --- restore, then listen -----------------------------------------------
  transcript.forEach(function (entry) {
    if (entry && entry.who === "user") { addUser(entry.text, false); }
    else if (entry && entry.who === "bot" && entry.reply) { renderReply(entry.reply, false); }
  });

  // Arrow keys on a closed <select> fire "change" for every step: only the
  // language the user settles on is sent.
  var pickTimer = null;
  picker.addEventListener("change", function () {
    window.clearTimeout(pickTimer);
    pickTimer = window.setTimeout(function () {
      if (picker.value === language) { return; }
      language = picker.value;
      store("language", language);
      if (language) {
        root.setAttribute("lang", language);
        send('/choose_language{"language_choice":"' + language + '"}', picker.options[picker.selectedIndex].textContent);
      }
    }, 600);
  });
  if (language) { root.setAttribute("lang", language); }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send(text);
  });
}());
