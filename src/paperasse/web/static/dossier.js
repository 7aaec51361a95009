/* Dossier: send each photo or PDF with a progress bar, then refresh the hints, and keep
   refreshing while documents are being read. Without this script the form posts normally. */
(function () {
  "use strict";
  var form = document.getElementById("ajout");
  var state = document.getElementById("etat");
  var list = document.getElementById("envois");
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (!state || !window.fetch) { return; }
  var timer = null;

  function pending() {
    var verdict = document.getElementById("verdict");
    return verdict && verdict.getAttribute("data-pending") !== "0";
  }

  function refresh() {
    return fetch(state.getAttribute("data-source"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html !== null && !state.contains(document.activeElement)) { state.innerHTML = html; }
        schedule();
      })
      .catch(schedule);
  }

  function schedule() {
    if (timer) { window.clearTimeout(timer); timer = null; }
    if (pending()) { timer = window.setTimeout(refresh, 3000); }
  }

  schedule();
  if (!form || !window.FormData || !window.XMLHttpRequest || !meta) { return; }
  var token = meta.getAttribute("content");
  var input = document.getElementById("fichiers");

  function send(file) {
    return new Promise(function (resolve) {
      var li = document.createElement("li");
      var name = document.createElement("span");
      name.textContent = file.name;
      var bar = document.createElement("progress");
      bar.max = 100; bar.value = 0;
      bar.setAttribute("aria-label", "Envoi de " + file.name);
      var status = document.createElement("span");
      status.textContent = "envoi…";
      li.appendChild(name); li.appendChild(bar); li.appendChild(status);
      list.appendChild(li);
      var data = new FormData();
      data.append("file", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("data-api"));
      xhr.setRequestHeader("X-CSRF-Token", token);
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); }
      });
      xhr.addEventListener("load", function () {
        var body = null;
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
        if (xhr.status === 201 && body) {
          bar.value = 100;
          status.textContent = body.doc_type_label ? "reçu : " + body.doc_type_label : "reçu, en cours de lecture";
        } else {
          status.setAttribute("role", "alert");
          status.textContent = (body && body.message) || ("erreur " + xhr.status);
        }
        resolve();
      });
      xhr.addEventListener("error", function () {
        status.setAttribute("role", "alert");
        status.textContent = "envoi interrompu : vérifiez la connexion et recommencez";
        resolve();
      });
      xhr.send(data);
    });
  }

  input.required = false;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var files = Array.prototype.slice.call(input.files);
    input.value = "";
    var chain = Promise.resolve();
    files.forEach(function (file) { chain = chain.then(function () { return send(file); }).then(refresh); });
  });
})();
