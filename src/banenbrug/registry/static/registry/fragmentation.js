// The fragmentation chart: data from json_script, labels from the chart's data attributes
// (no inline script: the Content-Security-Policy allows only this site's own files).
document.addEventListener("DOMContentLoaded", function () {
  var chart = document.getElementById("versnippering-grafiek");
  if (!window.Plotly || !chart) return;
  var d = JSON.parse(document.getElementById("versnippering-data").textContent);
  Plotly.newPlot(chart, [
    {type: "bar", name: chart.dataset.initiatives, x: d.names, y: d.initiatives, marker: {color: "#154273"}},
    {type: "bar", name: chart.dataset.tables, x: d.names, y: d.tables, marker: {color: "#1e6b35"}}
  ], {barmode: "group", margin: {t: 10, b: 150}, height: 420, legend: {orientation: "h", x: 0, y: 1.12}},
  {displayModeBar: false, responsive: true});
});
