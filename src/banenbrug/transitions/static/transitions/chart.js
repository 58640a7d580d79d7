// Score against the number of essential skills still to learn, one dot per destination.
(function () {
  var data = JSON.parse(document.getElementById("overstap-data").textContent);
  var colours = { dichtbij: "#1e6b35", haalbaar: "#154273", uitdaging: "#8a4b00" };
  var bands = ["dichtbij", "haalbaar", "uitdaging"];
  var traces = bands.map(function (band) {
    var rows = data.filter(function (d) { return d.band === band; });
    return {
      type: "scatter", mode: "markers", name: band,
      x: rows.map(function (d) { return d.missing; }),
      y: rows.map(function (d) { return d.score; }),
      text: rows.map(function (d) { return d.label; }),
      hovertemplate: "%{text}<br>score %{y:.2f}, %{x} te leren<extra></extra>",
      marker: { size: 11, color: colours[band] }
    };
  });
  Plotly.newPlot("overstap-grafiek", traces, {  // Dutch number formats: web/plotly_nl.js
    margin: { t: 40, r: 10, b: 50, l: 50 },
    xaxis: { title: { text: "essentiële vaardigheden nog te leren" }, rangemode: "tozero" },
    yaxis: { title: { text: "score" }, range: [0, 1] },
    // above the plot: below it, a wrapped legend runs into the axis title on a phone
    legend: { orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom" }
  }, { displaylogo: false, responsive: true });
})();
