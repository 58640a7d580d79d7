// Every Plotly chart in the page's language, set in one place (loaded right after plotly.js):
// Dutch decimal comma and thousands dot (plotly.js ships no nl locale; its separators do
// it), and numbers in full instead of English SI suffixes ("1,9M", "250k" read as English):
// 1.900.000, 250.000. A chart may still set its own separators or exponentformat.
(function () {
  if (typeof Plotly === "undefined") return;
  var dutch = (document.documentElement.lang || "nl").slice(0, 2) === "nl";
  var AXES = /^[xy]axis\d*$/;

  function localised(layout) {
    var out = Object.assign({}, layout || {});
    if (!out.separators) out.separators = dutch ? ",." : ".,";
    Object.keys(out).concat(["xaxis", "yaxis"]).forEach(function (key) {
      if (!AXES.test(key)) return;
      // numbers in full are wider: the margin grows so the axis title does not overlap them
      out[key] = Object.assign({exponentformat: "none", automargin: true}, out[key] || {});
    });
    return out;
  }

  ["newPlot", "react"].forEach(function (name) {
    var draw = Plotly[name];
    Plotly[name] = function (el, data, layout, config) {
      return draw.call(Plotly, el, data, localised(layout), config);
    };
  });
})();
