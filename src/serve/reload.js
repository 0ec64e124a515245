// crossings serve: reloads the page after every rebuild, and shows the content problems that
// stopped a rebuild over the page (the last good build) until they are fixed.
// Served by `crossings serve` only; never part of a built site. DOM APIs only (no innerHTML).
(function () {
  "use strict";
  var OVERLAY_ID = "crossings-serve-problems";
  var script = document.currentScript;
  var loaded = script ? new URL(script.src, location.href).searchParams.get("build") : null;
  if (!window.EventSource) return;
  var events = new EventSource("/__crossings/events");

  function data(event) {
    try { return JSON.parse(event.data); } catch (e) { return {}; }
  }
  events.addEventListener("hello", function (event) {
    var build = data(event).build;
    if (loaded !== null && build && build !== loaded) location.reload();
  });
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("problems", function (event) { show(data(event)); });
  events.addEventListener("clear", hide);

  function hide() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function el(tag, text, style) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (style) Object.keys(style).forEach(function (k) { node.style[k] = style[k]; });
    return node;
  }

  function show(report) {
    hide();
    var box = el("section", null, {
      position: "fixed", left: "0", right: "0", top: "0", zIndex: "2147483647", maxHeight: "70vh",
      overflow: "auto", margin: "0", padding: "1rem 1.25rem", background: "#2b0d0d", color: "#fdeaea",
      font: "14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
      borderBottom: "4px solid #e5484d", boxShadow: "0 4px 24px rgba(0,0,0,.4)"
    });
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-label", "Content problems");
    var close = el("button", "Close", { float: "right", font: "inherit", cursor: "pointer" });
    close.type = "button";
    close.addEventListener("click", hide);
    box.appendChild(close);
    box.appendChild(el("strong", report.title || "The site was not rebuilt", { fontSize: "16px" }));
    if (report.summary) box.appendChild(el("p", report.summary, { margin: ".25rem 0 .75rem" }));
    var list = el("ul", null, { listStyle: "none", margin: "0", padding: "0" });
    (report.problems || []).forEach(function (p) { list.appendChild(item(p)); });
    box.appendChild(list);
    var shown = report.kept ? "Showing the last good build." : "Nothing has built yet.";
    box.appendChild(el("p", shown + " Fix the content and save: this page reloads.",
      { margin: ".75rem 0 0", opacity: ".8" }));
    document.body.appendChild(box);
  }

  function item(p) {
    var li = el("li", null, { margin: "0 0 .6rem" });
    li.className = "crossings-serve-problem";
    if (p.location) li.appendChild(el("code", p.location, { color: "#ffb4b4", fontWeight: "bold" }));
    if (p.location) li.appendChild(document.createTextNode(" "));
    li.appendChild(el("span", p.message || "", { whiteSpace: "pre-wrap" }));
    if (p.hint) li.appendChild(el("div", "hint: " + p.hint, { opacity: ".8", paddingLeft: "1.5rem" }));
    return li;
  }
})();
