/* Mailroom: upload each file with its own progress bar, and keep the table fresh.
   Progressive enhancement: without this script the form posts to /courrier/depot. */
(function () {
  "use strict";
  var form = document.getElementById("depot");
  var input = document.getElementById("fichiers");
  var list = document.getElementById("envois");
  var tracking = document.getElementById("suivi");
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (!form || !window.FormData || !window.XMLHttpRequest || !meta) { return; }
  var token = meta.getAttribute("content");
  var queue = [];
  var running = 0;
  var PARALLEL = 2;

  function choosing() {
    return tracking.contains(document.activeElement) ||
      tracking.querySelector('input[name="ids"]:checked, #bulk-service option:checked:not([value=""])');
  }

  function refresh() {
    if (!tracking || !window.fetch) { return; }
    if (choosing()) { return; }
    fetch(tracking.getAttribute("data-source"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html !== null && !choosing()) { tracking.innerHTML = html; }
      })
      .catch(function () { /* the next tick will try again */ });
  }

  function row(file) {
    var li = document.createElement("li");
    var name = document.createElement("span");
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    bar.setAttribute("aria-label", "Envoi de " + file.name);
    var state = document.createElement("span");
    state.textContent = "en attente";
    li.appendChild(name); li.appendChild(bar); li.appendChild(state);
    list.appendChild(li);
    return { bar: bar, state: state };
  }

  function failMessage(xhr) {
    try { return JSON.parse(xhr.responseText).message || ("erreur " + xhr.status); }
    catch (e) { return "erreur " + xhr.status; }
  }

  function send(item) {
    running += 1;
    var data = new FormData();
    data.append("file", item.file, item.file.name);
    var service = form.elements.service ? form.elements.service.value : "";
    if (service) { data.append("service", service); }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/documents");
    xhr.setRequestHeader("X-CSRF-Token", token);
    item.ui.state.textContent = "envoi…";
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) { item.ui.bar.value = Math.round(100 * e.loaded / e.total); }
    });
    xhr.addEventListener("load", function () {
      if (xhr.status === 201) {
        item.ui.bar.value = 100;
        var body = JSON.parse(xhr.responseText);
        item.ui.state.textContent = body.created ? "reçu" : "déjà reçu";
      } else {
        item.ui.state.setAttribute("role", "alert");
        item.ui.state.textContent = failMessage(xhr);
      }
      done();
    });
    xhr.addEventListener("error", function () {
      item.ui.state.setAttribute("role", "alert");
      item.ui.state.textContent = "envoi interrompu : vérifiez la connexion et recommencez";
      done();
    });
    xhr.send(data);
  }

  function done() { running -= 1; pump(); refresh(); }

  function pump() {
    while (running < PARALLEL && queue.length) { send(queue.shift()); }
  }

  function add(files) {
    for (var i = 0; i < files.length; i += 1) { queue.push({ file: files[i], ui: row(files[i]) }); }
    pump();
  }

  input.required = false;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (input.files.length) { add(input.files); input.value = ""; }
  });
  ["dragenter", "dragover"].forEach(function (name) {
    form.addEventListener(name, function (e) { e.preventDefault(); form.classList.add("is-over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    form.addEventListener(name, function () { form.classList.remove("is-over"); });
  });
  form.addEventListener("drop", function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) { add(e.dataTransfer.files); }
  });
  window.setInterval(refresh, 4000);
})();
