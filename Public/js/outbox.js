// A phone's work without a network (the care worker's day, the driver's manifest, the outreach
// worker's door-to-door log). Each form marked
// `data-outbox`, when submitted, becomes a record in an outbox kept in the phone's storage, under
// the id the page gave the form; the outbox is sent in order whenever the network is there, as
// JSON of the form's own fields to the form's `data-events` address. A record the server already
// has (the same id) is answered as before and recorded once; one the server refuses (the visit
// was moved to another worker or cancelled meanwhile) leaves the outbox with the reason shown,
// kept until the worker has seen it. Without this script the forms post as ordinary forms.
(function () {
  "use strict";
  var root = document.querySelector("[data-outbox-root]");
  if (!root || !window.localStorage || !window.fetch) return;
  var OUTBOX = "opora.outbox";
  var REFUSED = "opora.refused";
  var t = root.dataset;
  var sending = false;

  function read(key) {
    try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; }
  }
  function write(key, items) { localStorage.setItem(key, JSON.stringify(items)); }

  function newID() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function status(text) {
    var box = document.getElementById("connection");
    if (box) box.textContent = text;
  }

  function container(key) { return document.querySelector('[data-outbox-item="' + key + '"]'); }

  // Shows on the page what waits in the outbox, so a day reopened offline reads as the worker left it.
  function reflect() {
    var items = read(OUTBOX);
    var refused = read(REFUSED);
    var box = document.getElementById("outbox");
    var list = document.getElementById("outbox-list");
    if (!box || !list) return;
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.textContent = item.label + " — " + t.tWaiting;
      li.setAttribute("data-client", item.clientId);
      list.appendChild(li);
      var card = container(item.key);
      if (!card) return;
      card.querySelectorAll('input[name="clientId"][value="' + item.clientId + '"]').forEach(function (input) {
        if (!input.form.hasAttribute("data-outbox-repeatable")) input.form.hidden = true;
      });
      var state = card.querySelector("[data-state]");
      if (state) state.textContent = item.label + " — " + t.tWaiting;
    });
    refused.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "field-error";
      li.textContent = item.label + " — " + t.tRefused + ": " + item.message;
      list.appendChild(li);
    });
    box.hidden = items.length === 0 && refused.length === 0;
  }

  function describe(form, kind) {
    var card = form.closest("[data-outbox-item]");
    var label = card ? card.querySelector("[data-outbox-label]") : null;
    var who = label ? label.textContent.replace(/\s+/g, " ").trim() : "";
    var button = form.querySelector('button[type="submit"]');
    var when = new Date();
    var clock = ("0" + when.getHours()).slice(-2) + ":" + ("0" + when.getMinutes()).slice(-2);
    return clock + " " + (button ? button.textContent.trim() : kind) + " · " + who;
  }

  function position(form) {
    var share = form.querySelector('input[name="sharePosition"]');
    if (!share || !share.checked || !navigator.geolocation) return Promise.resolve(null);
    return new Promise(function (resolve) {
      navigator.geolocation.getCurrentPosition(
        function (p) { resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }); },
        function () { resolve(null); },
        { timeout: 8000, maximumAge: 60000 }
      );
    });
  }

  function enqueue(form) {
    var data = new FormData(form);
    var kind = data.get("kind");
    var body = {};
    data.forEach(function (value, name) {
      if (name === "_csrf" || name === "sharePosition") return;
      if (name.slice(-2) === "[]") {
        var list = name.slice(0, -2);
        (body[list] = body[list] || []).push(value);
      } else if (value !== "") {
        body[name] = value;
      }
    });
    if (form.querySelector('input[type="checkbox"][name$="[]"]')) {
      form.querySelectorAll('input[type="checkbox"][name$="[]"]').forEach(function (box) {
        var list = box.name.slice(0, -2);
        body[list] = body[list] || [];
      });
    }
    var item = {
      clientId: data.get("clientId"),
      key: form.closest("[data-outbox-item]").getAttribute("data-outbox-item"),
      url: form.getAttribute("data-events"),
      kind: kind,
      at: new Date().toISOString(),
      label: describe(form, kind),
      body: body
    };
    // A form that logs one entry after another (a door-to-door contact) starts empty again.
    if (form.hasAttribute("data-outbox-reset")) form.reset();
    // A new id for the form, so a second, deliberate save of tasks is a record of its own.
    if (form.hasAttribute("data-outbox-repeatable")) form.querySelector('input[name="clientId"]').value = newID();
    return position(form).then(function (where) {
      if (where) { item.body.latitude = where.latitude; item.body.longitude = where.longitude; }
      item.body.at = item.at;
      var items = read(OUTBOX);
      if (!items.some(function (other) { return other.clientId === item.clientId; })) items.push(item);
      write(OUTBOX, items);
      reflect();
    });
  }

  function refuse(item, message) {
    var refused = read(REFUSED);
    refused.push({ label: item.label, message: message || "" });
    write(REFUSED, refused);
  }

  // Sends the outbox in order; stops at the first record the network or the session cannot take,
  // so a check-out never overtakes its check-in.
  function flush() {
    if (sending) return Promise.resolve();
    if (!navigator.onLine) { status(t.tOffline); return Promise.resolve(); }
    sending = true;
    var changed = false;
    function next() {
      var items = read(OUTBOX);
      if (items.length === 0) return Promise.resolve();
      var item = items[0];
      var body = Object.assign({ _csrf: root.dataset.csrf }, item.body);
      return fetch(item.url, {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body)
      }).then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("json") >= 0;
        if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403 || !json) {
          status(t.tSignIn);
          return "stop";
        }
        return response.json().then(function (answer) {
          if (response.status === 409) {
            refuse(item, answer.message || answer.detail);
          } else if (response.status >= 400) {
            var detail = (answer.errors || []).map(function (e) { return e.message; }).join(" ") || answer.detail;
            refuse(item, detail || answer.title);
          }
          return "done";
        });
      }).then(function (result) {
        if (result === "stop") return;
        write(OUTBOX, read(OUTBOX).filter(function (other) { return other.clientId !== item.clientId; }));
        changed = true;
        return next();
      });
    }
    return next().catch(function () { status(t.tOffline); }).then(function () {
      sending = false;
      reflect();
      if (changed && read(OUTBOX).length === 0) {
        status(t.tSent);
        window.location.reload();
      } else if (navigator.onLine && read(OUTBOX).length === 0) {
        status("");
      }
    });
  }

  document.querySelectorAll("[data-script-only]").forEach(function (el) { el.hidden = false; });
  document.querySelectorAll("form[data-outbox]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      enqueue(form).then(flush).then(function () { if (button) button.disabled = false; });
    });
  });

  // Refusals stay listed until the worker has seen them on an online page load.
  var seen = document.getElementById("outbox");
  if (seen && read(REFUSED).length > 0 && navigator.onLine) {
    reflect();
    window.addEventListener("pagehide", function () { write(REFUSED, []); });
  }

  // Signing out empties the phone's copy of the day, but not while records still wait.
  var signOut = document.getElementById("sign-out");
  if (signOut) {
    signOut.form.addEventListener("submit", function (event) {
      if (read(OUTBOX).length > 0) {
        event.preventDefault();
        status(t.tOffline);
        return;
      }
      if (window.caches) caches.delete("opora-day-v3");
    });
  }

  function tellWorker() {
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ online: navigator.onLine });
    }
  }
  window.addEventListener("online", function () { tellWorker(); status(t.tOnline); flush(); });
  window.addEventListener("offline", function () { tellWorker(); status(t.tOffline); });
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(function () {});
    navigator.serviceWorker.ready.then(tellWorker);
  }
  reflect();
  flush();
  setInterval(flush, 30000);
})();
