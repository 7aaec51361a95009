/* Review queue: open on the card the last action led to (focus and scroll kept), and
   move through the cards with the keyboard: j next, k previous, v validate, t type. */
(function () {
  "use strict";
  var cards = Array.prototype.slice.call(document.querySelectorAll(".review-card"));
  if (!cards.length) { return; }

  function current() {
    var active = document.activeElement;
    for (var i = 0; i < cards.length; i += 1) {
      if (cards[i] === active || cards[i].contains(active)) { return i; }
    }
    return -1;
  }

  function show(index) {
    var card = cards[Math.max(0, Math.min(cards.length - 1, index))];
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "start" });
  }

  var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (target) { target.focus({ preventScroll: true }); target.scrollIntoView({ block: "start" }); }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || e.target.isContentEditable) { return; }
    var at = current();
    if (e.key === "j") { e.preventDefault(); show(at + 1); }
    else if (e.key === "k") { e.preventDefault(); show(at - 1); }
    else if ((e.key === "v" || e.key === "t") && at >= 0) {
      var form = cards[at].querySelector("form.classement");
      if (!form) { return; }
      e.preventDefault();
      if (e.key === "t") { form.querySelector("select").focus(); }
      else if (form.reportValidity()) { form.submit(); }
    }
  });
})();
