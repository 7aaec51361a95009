/* Dossier: send each photo or PDF into its slot with a progress bar, follow each file
   until it is read (its row then says « Fournie » or « À refaire » and why), refresh the
   slots while files are being read, and take files dropped on a slot.
   Without this script every form posts normally. */
(function () {
  "use strict";
  var state = document.getElementById("etat");
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (!state || !window.fetch) { return; }
  var api = state.getAttribute("data-api");
  var token = meta ? meta.getAttribute("content") : "";
  var rows = [];
  var timer = null;

  function pending() {
    var verdict = document.getElementById("verdict");
    var waiting = rows.some(function (r) { return r.documentId && !r.final; });
    return waiting || (verdict && verdict.getAttribute("data-pending") !== "0");
  }

  function box(piece) {
    var lists = state.querySelectorAll(".uploads");
    for (var i = 0; i < lists.length; i += 1) {
      if (lists[i].getAttribute("data-piece") === piece) { return lists[i]; }
    }
    return lists.length ? lists[lists.length - 1] : null;
  }

  function place() {
    rows.forEach(function (r) {
      var target = box(r.piece);
      if (target && r.li.parentNode !== target) { target.appendChild(r.li); }
    });
  }

  function settle() {
    rows.forEach(function (r) {
      if (!r.documentId || r.final) { return; }
      var file = state.querySelector('[data-file="' + r.documentId + '"]');
      if (!file) { return; }
      var fileState = file.getAttribute("data-state");
      if (fileState === "en_lecture") { r.status.textContent = "reçu, en cours de lecture…"; return; }
      r.status.textContent = file.getAttribute("data-message");
      r.li.className = "upload-" + fileState;
      r.final = true;
    });
  }

  function refresh() {
    return fetch(state.getAttribute("data-source"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html !== null && !busy()) {
          var focused = document.activeElement && document.activeElement.id;
          state.innerHTML = html;
          place();
          settle();
          if (focused && document.getElementById(focused)) { document.getElementById(focused).focus(); }
        }
        schedule();
      })
      .catch(schedule);
  }

  function busy() {
    var inputs = state.querySelectorAll('input[type="file"], textarea');
    for (var i = 0; i < inputs.length; i += 1) {
      if ((inputs[i].files && inputs[i].files.length) || (inputs[i].value && inputs[i].type !== "file")) { return true; }
    }
    return false;
  }

  function schedule() {
    if (timer) { window.clearTimeout(timer); timer = null; }
    if (pending()) { timer = window.setTimeout(refresh, 2500); }
  }

  function row(file, piece) {
    var li = document.createElement("li");
    var name = document.createElement("span");
    name.className = "upload-name";
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    bar.setAttribute("aria-label", "Envoi de " + file.name);
    var status = document.createElement("span");
    status.textContent = "envoi…";
    li.appendChild(name); li.appendChild(bar); li.appendChild(status);
    var r = { li: li, bar: bar, status: status, piece: piece, documentId: null, final: false };
    rows.push(r);
    place();
    return r;
  }

  function fail(r, message) {
    if (r.bar.parentNode) { r.bar.parentNode.removeChild(r.bar); }
    r.status.setAttribute("role", "alert");
    r.status.textContent = message;
    r.li.className = "upload-failed";
    r.final = true;
  }

  function send(file, piece, replaces) {
    return new Promise(function (resolve) {
      var r = row(file, piece);
      var data = new FormData();
      data.append("file", file, file.name);
      if (piece) { data.append("piece", piece); }
      if (replaces) { data.append("replaces", replaces); }
      var xhr = new XMLHttpRequest();
      xhr.open("POST", api);
      xhr.setRequestHeader("X-CSRF-Token", token);
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { r.bar.value = Math.round(100 * e.loaded / e.total); }
      });
      xhr.addEventListener("load", function () {
        var body = null;
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
        if (xhr.status === 201 && body) {
          if (r.bar.parentNode) { r.bar.parentNode.removeChild(r.bar); }
          r.documentId = body.document_id;
          r.status.textContent = "reçu, en cours de lecture…";
        } else {
          fail(r, (body && body.message) || ("envoi refusé (erreur " + xhr.status + ")"));
        }
        resolve();
      });
      xhr.addEventListener("error", function () {
        fail(r, "envoi interrompu : vérifiez la connexion et recommencez");
        resolve();
      });
      xhr.send(data);
    });
  }

  function sendAll(files, piece, replaces) {
    var chain = Promise.resolve();
    Array.prototype.slice.call(files).forEach(function (file, index) {
      chain = chain.then(function () { return send(file, piece, index === 0 ? replaces : ""); });
    });
    chain.then(refresh);
  }

  function uploadForm(target) {
    return target && target.closest ? target.closest("form.slot-upload, form.replace") : null;
  }

  if (!window.FormData || !window.XMLHttpRequest || !token || !api) { schedule(); return; }

  state.addEventListener("submit", function (e) {
    var form = uploadForm(e.target);
    if (!form) { return; }
    e.preventDefault();
    var input = form.querySelector('input[type="file"]');
    if (!input.files.length) { input.focus(); return; }
    var files = input.files;
    var piece = form.elements.piece ? form.elements.piece.value : "";
    var replaces = form.elements.remplace ? form.elements.remplace.value : "";
    sendAll(files, piece, replaces);
    input.value = "";
  });
  ["dragenter", "dragover"].forEach(function (name) {
    state.addEventListener(name, function (e) {
      var form = e.target.closest && e.target.closest("form.slot-upload");
      if (!form) { return; }
      e.preventDefault();
      form.classList.add("is-over");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    state.addEventListener(name, function (e) {
      var form = e.target.closest && e.target.closest("form.slot-upload");
      if (form) { form.classList.remove("is-over"); }
    });
  });
  state.addEventListener("drop", function (e) {
    var form = e.target.closest && e.target.closest("form.slot-upload");
    if (!form) { return; }
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) {
      sendAll(e.dataTransfer.files, form.elements.piece.value, "");
    }
  });
  schedule();
})();
