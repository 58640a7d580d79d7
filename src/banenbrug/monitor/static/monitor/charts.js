// Draws every chart on the page from its JSON spec; the tables beside the charts carry the same
// numbers for screen readers and for use without JavaScript.
(function () {
  if (typeof Plotly === "undefined") return;
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var spec = JSON.parse(document.getElementById(el.dataset.chart).textContent);
    el.classList.add("chart--drawn");
    var config = Object.assign({displayModeBar: false, responsive: true}, spec.config || {});
    Plotly.newPlot(el, spec.data, spec.layout, config);  // Dutch formats: web/plotly_nl.js
  });
})();
