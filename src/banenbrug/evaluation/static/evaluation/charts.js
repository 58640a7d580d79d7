// Draws every chart whose figure is embedded as JSON (the tables beside them work without JS).
document.querySelectorAll("[data-figure]").forEach(function (el) {
  var source = document.getElementById(el.dataset.figure);
  if (!source || !window.Plotly) return;
  var fig = JSON.parse(source.textContent);
  el.hidden = false;
  // static: the chart is an image (role="img" with a label); the numbers are in the table beside it
  Plotly.newPlot(el, fig.data, fig.layout, {staticPlot: true, responsive: true});
});
