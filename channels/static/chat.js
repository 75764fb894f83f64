// Ieum web chat. Bot text is always rendered with textContent (never HTML),
// and only https links are turned into anchors, so nothing a user or the
// catalogue writes can run as script.
(function () {
  "use strict";
  var log = document.getElementById("log");
  var form = document.getElementById("form");
  var input = document.getElementById("input");

  function newSenderId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  var sender = window.sessionStorage.getItem("ieum-sender");
  if (!sender) { sender = newSenderId(); window.sessionStorage.setItem("ieum-sender", sender); }

  function add(kind, text) {
    var item = document.createElement("li");
    item.className = "msg " + kind;
    item.textContent = text;
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  // https links anywhere, and links to this server itself (the counter card).
  function safeLink(url) {
    try {
      var u = new URL(url, window.location.href);
      return u.protocol === "https:" || u.origin === window.location.origin ? u.href : null;
    } catch (e) { return null; }
  }

  var lastBot = null;

  function render(message) {
    // Rasa sends a reply's custom part (links, service id) as its own message
    // right after the text: it belongs to the bubble before it.
    var item = (!message.text && message.custom && lastBot) ? lastBot : add("bot", message.text || "");
    lastBot = item;
    if (message.buttons && message.buttons.length) {
      var row = document.createElement("div");
      row.className = "buttons";
      message.buttons.forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = b.title;
        button.addEventListener("click", function () { send(b.payload, b.title); });
        row.appendChild(button);
      });
      item.appendChild(row);
    }
    var links = (message.custom && message.custom.links) || [];
    if (links.length) {
      var box = document.createElement("div");
      box.className = "links";
      links.forEach(function (l) {
        var href = safeLink(l.url);
        if (!href) { return; }
        var a = document.createElement("a");
        a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
        a.textContent = l.title || href;
        box.appendChild(a);
      });
      item.appendChild(box);
    }
  }

  function send(text, shown) {
    add("user", shown || text);
    lastBot = null;
    fetch("webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: sender, message: text, metadata: { browser_language: navigator.language } })
    }).then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (res) {
        if (!res.ok) { add("error", res.body.error || "Something went wrong."); return; }
        res.body.forEach(render);
      })
      .catch(function () { add("error", "The assistant is not reachable right now. Please try again, or call 1345."); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send(text);
  });
  input.focus();
}());
