// Progressive enhancement only: the page reads, prints and navigates without it.
(function () {
  "use strict";
  // Hovering a quote, or focusing its number, shows its note (kept beside
  // the prose) next to it and lights the note there.
  var tip = document.createElement("div");
  tip.className = "tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.appendChild(tip);
  var lit = null;

  function noteFor(target) {
    if (!target.closest) return null;
    var marker = target.closest("a.fn");
    if (marker) return document.getElementById(marker.getAttribute("href").slice(1));
    var quote = target.closest(".q[aria-describedby]");
    return quote ? document.getElementById(quote.getAttribute("aria-describedby")) : null;
  }
  function hide() {
    tip.hidden = true;
    if (lit) lit.classList.remove("lit");
    lit = null;
  }
  function show(note, anchor) {
    hide();
    var copy = note.cloneNode(true);
    copy.removeChild(copy.firstElementChild);
    tip.replaceChildren.apply(tip, Array.prototype.slice.call(copy.childNodes));
    var colour = note.querySelector(".who");
    tip.style.borderLeftColor = colour ? getComputedStyle(colour).color : "";
    tip.hidden = false;
    var rects = anchor.getClientRects();
    var rect = rects[rects.length - 1] || anchor.getBoundingClientRect();
    var left = Math.min(rect.left, document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(8, left) + window.scrollX + "px";
    tip.style.top = rect.bottom + window.scrollY + 6 + "px";
    note.classList.add("lit");
    lit = note;
  }
  function enter(event) {
    var note = noteFor(event.target);
    if (note) show(note, event.target.closest(".q, a.fn"));
  }
  function leave(event) {
    if (noteFor(event.target)) hide();
  }
  document.addEventListener("mouseover", enter);
  document.addEventListener("mouseout", leave);
  document.addEventListener("focusin", enter);
  document.addEventListener("focusout", leave);

  // Choosing a source in the table spotlights that speaker's quotes in the
  // draft; choosing it again, or Escape, shows every speaker again.
  function clear(section) {
    section.classList.remove("spot");
    section.removeAttribute("data-spot");
    section.querySelectorAll(".q.spotted").forEach(function (q) { q.classList.remove("spotted"); });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("table.sources a.who") : null;
    if (!link) return;
    var section = link.closest(".draft");
    var colour = link.closest("tr").className;
    var again = section.getAttribute("data-spot") === colour;
    clear(section);
    if (again) return;
    section.classList.add("spot");
    section.setAttribute("data-spot", colour);
    section.querySelectorAll(".prose .q." + colour).forEach(function (q) { q.classList.add("spotted"); });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    hide();
    document.querySelectorAll(".draft.spot").forEach(clear);
  });
})();
