// The registry dashboard's two bar charts, drawn from the figures the page carries in #chart-data.
(function () {
  const source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const options = {animation: false, responsive: true, plugins: {legend: {display: false}}, scales: {y: {beginAtZero: true, ticks: {precision: 0}}}};
  for (const [id, key, color] of [["chart-groups", "groups", "#d97706"], ["chart-villages", "villages", "#0d6efd"]]) {
    new Chart(document.getElementById(id), {type: "bar", data: {labels: data[key].labels, datasets: [{data: data[key].values, backgroundColor: color}]}, options: options});
  }
})();
