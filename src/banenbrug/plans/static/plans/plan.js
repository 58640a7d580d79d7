// The plan page: draws the charts embedded as JSON (the tables beside them need no JavaScript),
// again after every htmx swap, then says so to screen readers and puts the focus back.
(function () {
  function draw(root) {
    if (!window.Plotly) return;
    root.querySelectorAll("[data-figure]").forEach(function (el) {
      var source = document.getElementById(el.dataset.figure);
      if (!source) return;
      var fig = JSON.parse(source.textContent);
      el.hidden = false;
      Plotly.newPlot(el, fig.data, fig.layout, {staticPlot: true, responsive: true});
    });
  }
  var focused = null;
  document.addEventListener("htmx:beforeRequest", function () {
    var active = document.activeElement;
    focused = active && active.id ? active.id : null;
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var swapped = event.detail && event.detail.target;
    var plan = document.getElementById("plan");
    if (!plan || !swapped || swapped.id !== "plan") return;  // not the suggestions list
    draw(plan);
    var status = document.getElementById("plan-status");
    if (status) status.textContent = status.dataset.done;
    var target = (focused && document.getElementById(focused)) || document.getElementById("plan-kop");
    if (target) target.focus();
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { draw(document); });
  } else {
    draw(document);
  }
})();
