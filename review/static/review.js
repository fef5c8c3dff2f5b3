// figures review: makes selecting a figure instant. Without this script
// every figure is a link that reloads the page with the figure selected.
(function () {
  "use strict";
  var panel = document.getElementById("panel");
  if (!panel) return;
  var form = document.getElementById("decide");
  var hint = panel.querySelector(".hint");

  function select(id) {
    var detail = document.getElementById("l" + id);
    if (!detail) return false;
    document.querySelectorAll(".fig.sel").forEach(function (el) { el.classList.remove("sel"); });
    document.querySelectorAll('a.fig[data-link="' + id + '"]').forEach(function (el) { el.classList.add("sel"); });
    document.querySelectorAll(".problist li.current").forEach(function (el) { el.classList.remove("current"); });
    var prob = document.getElementById("p" + id);
    if (prob) prob.classList.add("current");
    panel.querySelectorAll(".detail").forEach(function (el) { el.hidden = el !== detail; });
    if (hint) hint.hidden = true;
    if (form) {
      form.hidden = false;
      form.elements.link.value = id;
      var d = detail.dataset.decision || "";
      form.querySelectorAll('input[name="decision"]').forEach(function (r) { r.checked = r.value === d; });
      form.elements.note.value = detail.dataset.note || "";
    }
    return true;
  }

  document.addEventListener("click", function (e) {
    var a = e.target.closest("a[data-link]");
    if (!a || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    if (!select(a.dataset.link)) return;
    e.preventDefault();
    var target = a.dataset["goto"] ? document.getElementById(a.dataset["goto"]) : null;
    if (target) target.scrollIntoView({ block: "center", behavior: "smooth" });
    history.replaceState(null, "", a.getAttribute("href"));
  });

  // n / p step through the mismatches.
  var probs = Array.prototype.slice.call(document.querySelectorAll(".problems ol.problist a.jump"));
  document.addEventListener("keydown", function (e) {
    if (e.target.closest("input, textarea, select") || e.metaKey || e.ctrlKey || e.altKey) return;
    if ((e.key !== "n" && e.key !== "p") || probs.length === 0) return;
    var cur = probs.findIndex(function (a) { return a.closest("li").classList.contains("current"); });
    var next = e.key === "n" ? (cur + 1) % probs.length : (cur <= 0 ? probs.length - 1 : cur - 1);
    probs[next].click();
  });
})();
