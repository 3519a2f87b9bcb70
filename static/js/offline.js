/* Work without a connection (the village head on a phone). No inline script: the page gives its
   texts and URLs in data attributes (offline/_bar.html, reporting/report_form.html).
   - registers the service worker (/sw.js) that keeps the pages last read;
   - shows the "No connection" bar while the phone is offline;
   - a report or a new risk site sent while offline is kept in IndexedDB as a draft ("not sent"), each with a UUID made
     here, and sent to the server once the connection returns; the server answers done, conflict or
     refused, and a refused or conflicting draft keeps what was typed;
   - signing out deletes the saved pages and drafts, so the next person on a shared phone sees nothing. */
(function () {
  "use strict";
  var script = document.currentScript;
  var panel = document.getElementById("offline-drafts");
  var bar = document.getElementById("offline-bar");
  var userId = panel ? panel.dataset.user : "";
  var PAGE_CACHE = "ytich-pages";

  if ("serviceWorker" in navigator && script && script.dataset.sw) {
    navigator.serviceWorker.register(script.dataset.sw, { scope: "/" }).catch(function () {});
  }

  function showState() {
    if (bar) bar.hidden = navigator.onLine;
  }
  window.addEventListener("offline", showState);
  window.addEventListener("online", function () {
    showState();
    syncAll();
  });
  showState();

  function clearPages() {
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "signed-out" });
    }
    return "caches" in window ? caches.delete(PAGE_CACHE) : Promise.resolve();
  }

  // --- drafts in IndexedDB -------------------------------------------------------------------
  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open("ytich-offline", 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore("drafts", { keyPath: "uuid" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function store(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction("drafts", mode);
        var request = work(tx.objectStore("drafts"));
        tx.oncomplete = function () { db.close(); resolve(request ? request.result : undefined); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }
  function myDrafts() {
    return store("readonly", function (s) { return s.getAll(); }).then(function (list) {
      return list.filter(function (d) { return d.user === userId; }).sort(function (a, b) { return a.created - b.created; });
    });
  }
  function putDraft(draft) { return store("readwrite", function (s) { return s.put(draft); }); }
  function deleteDraft(uuid) { return store("readwrite", function (s) { return s.delete(uuid); }); }
  function deleteAll() { return store("readwrite", function (s) { return s.clear(); }); }

  // Signed out (the sign-in page, the signed-out page): nothing of the last person stays readable.
  if (!userId) {
    clearPages();
    return;
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  var BADGES = { pending: "text-bg-warning", sending: "text-bg-info", done: "text-bg-success", conflict: "text-bg-danger", refused: "text-bg-danger" };

  function render() {
    return myDrafts().then(function (list) {
      var ul = document.getElementById("offline-draft-list");
      ul.replaceChildren();
      panel.hidden = list.length === 0;
      list.forEach(function (d) {
        var li = document.createElement("li");
        li.className = "py-1 offline-draft offline-draft-" + d.status;
        var badge = document.createElement("span");
        badge.className = "badge me-1 " + BADGES[d.status];
        badge.textContent = panel.dataset[d.status];
        var link = document.createElement("a");
        link.href = d.status === "done" && d.result ? d.result : d.url;
        link.textContent = d.title;
        li.append(badge, link);
        if (d.message) {
          var message = document.createElement("div");
          message.className = "small";
          message.textContent = d.message;
          li.append(message);
        }
        if (d.status === "conflict" || d.status === "refused") {
          var drop = document.createElement("button");
          drop.type = "button";
          drop.className = "btn btn-sm btn-link p-0";
          drop.textContent = panel.dataset.discard;
          drop.addEventListener("click", function () { deleteDraft(d.uuid).then(render); });
          li.append(drop);
        }
        ul.append(li);
      });
      // a sent draft is shown once, then forgotten
      return Promise.all(list.filter(function (d) { return d.status === "done"; }).map(function (d) { return deleteDraft(d.uuid); }));
    });
  }

  function send(draft) {
    draft.status = "sending";
    return putDraft(draft)
      .then(function () {
        return fetch(panel.dataset.sync, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
          body: JSON.stringify({ uuid: draft.uuid, kind: draft.kind, payload: draft.payload }),
        });
      })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (answer) {
        draft.status = answer.outcome;
        draft.message = answer.message;
        draft.result = answer.url || "";
        return putDraft(draft);
      })
      .catch(function () {
        draft.status = "pending"; // not answered: sent again later with the same UUID
        return putDraft(draft);
      });
  }

  var syncing = null;
  function syncAll() {
    if (syncing || !navigator.onLine) return syncing || Promise.resolve();
    syncing = myDrafts()
      .then(function (list) {
        return list
          .filter(function (d) { return d.status === "pending" || d.status === "sending"; })
          .reduce(function (chain, d) { return chain.then(function () { return send(d); }); }, Promise.resolve());
      })
      .catch(function () {})
      .then(function () { syncing = null; return render(); });
    return syncing;
  }

  // --- forms that may be kept offline (the report; a new risk site) ------------------------------
  var form = document.querySelector("form[data-offline]");
  var notice = null;
  function say(text) {
    if (!notice) {
      notice = document.createElement("div");
      notice.className = "alert alert-warning";
      notice.setAttribute("role", "status");
      form.prepend(notice);
    }
    notice.textContent = text;
  }
  if (form) {
    var url = form.dataset.offlineUrl;
    var kind = form.dataset.offline;
    // A report or a task has one draft (the newest typing wins); each new site is its own draft.
    var single = kind !== "site";
    var unsent = function (d) { return d.status === "pending" || d.status === "sending"; };
    form.addEventListener("submit", function (event) {
      if (navigator.onLine) {
        // sent by the page itself: what was kept for this form is no longer needed
        myDrafts().then(function (list) {
          list.filter(function (d) { return d.url === url && (single || !unsent(d)); }).forEach(function (d) { deleteDraft(d.uuid); });
        });
        return;
      }
      event.preventDefault();
      var data = {};
      new FormData(form).forEach(function (value, name) {
        if (name !== "csrfmiddlewaretoken") data[name] = value;
      });
      var action = (event.submitter && event.submitter.value) || "save";
      myDrafts()
        .then(function (list) {
          var replaced = list.filter(function (d) { return d.url === url && (single ? d.status !== "sending" : !unsent(d)); });
          return Promise.all(replaced.map(function (d) { return deleteDraft(d.uuid); }));
        })
        .then(function () {
          return putDraft({
            uuid: crypto.randomUUID(), user: userId, kind: kind, url: url, title: form.dataset.title,
            status: "pending", message: "", result: "", created: Date.now(),
            payload: { url: url, data: data, action: action, base: { state: form.dataset.state || "", updated: form.dataset.updated || "" } },
          });
        })
        .then(function () {
          if (!single) form.reset(); // ready for the next site
          say(panel.dataset.saved);
          return render();
        });
    });
    // What was typed without a connection and not accepted yet is filled back in: a report's draft,
    // or a site the server refused.
    myDrafts().then(function (list) {
      var draft = list.filter(function (d) { return d.url === url && d.status !== "done" && (single || !unsent(d)); }).pop();
      if (!draft) return;
      var data = draft.payload.data;
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name || field.disabled || field.name === "csrfmiddlewaretoken" || field.type === "submit") return;
        if (field.type === "checkbox" || field.type === "radio") field.checked = data[field.name] === field.value;
        else if (field.name in data) field.value = data[field.name];
      });
      say(panel.dataset.restored + (draft.message ? " " + draft.message : ""));
    });
  }

  // --- signing out --------------------------------------------------------------------------------
  document.querySelectorAll("form[action$='/logout/']").forEach(function (logout) {
    logout.addEventListener("submit", function (event) {
      if (logout.dataset.cleared) return;
      event.preventDefault();
      // a draft being sent is written back when its answer comes: wait for it before deleting
      Promise.resolve(syncing).then(myDrafts).then(function (list) {
        var unsent = list.filter(function (d) { return d.status !== "done"; });
        if (unsent.length && !window.confirm(panel.dataset.leave)) return;
        return Promise.all([deleteAll(), clearPages()]).then(function () {
          logout.dataset.cleared = "1";
          logout.submit();
        });
      });
    });
  });

  render().then(syncAll);
})();
