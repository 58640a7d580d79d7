// The learn-work fields count only for a learn-work vacancy: hide and disable them for the
// other hiring modes. Without JavaScript they stay visible and the server ignores them.
(function () {
  var box = document.getElementById("leerwerk");
  if (!box) return;
  var radios = document.querySelectorAll('input[name="hiring_mode"]');
  function update() {
    var chosen = document.querySelector('input[name="hiring_mode"]:checked');
    var on = chosen !== null && chosen.value === "learn_work";
    box.hidden = !on;
    box.disabled = !on;
    document.querySelectorAll(".kolom-bbl").forEach(function (cell) { cell.hidden = !on; });
  }
  radios.forEach(function (r) { r.addEventListener("change", update); });
  update();
})();
