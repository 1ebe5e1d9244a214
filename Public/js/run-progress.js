// Keeps a planning run's page up to date while the run searches: its figures every two
// seconds, and the whole page once the run has ended. Without JavaScript the page says to reload.
(function () {
  var box = document.getElementById("run-progress");
  if (!box) return;
  var url = box.getAttribute("data-progress");
  function update(data) {
    var state = document.getElementById("run-state");
    if (state) state.textContent = data.stateLabel;
    var left = document.getElementById("run-left");
    if (left) left.textContent = data.secondsLeft == null ? "" : String(data.secondsLeft);
    var rows = document.querySelectorAll("#run-figures tbody tr");
    data.figures.forEach(function (figure, index) {
      var row = rows[index];
      if (!row) return;
      row.cells[1].textContent = figure.plan;
      row.cells[2].textContent = figure.baseline;
    });
    if (data.state !== "queued" && data.state !== "running") window.location.reload();
  }
  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) update(data); })
      .catch(function () {})
      .then(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 2000);
})();
