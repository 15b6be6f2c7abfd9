// Draw the overview's charts from the JSON the page embeds (no inline script under the CSP).
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("chart-data");
  if (!source || !window.echarts) return;
  var data = JSON.parse(source.textContent);
  function draw(id, option) {
    var node = document.getElementById(id);
    if (node) window.echarts.init(node).setOption(option);
  }
  draw("chart-classes", {
    animation: false,
    tooltip: {},
    series: [{ type: "pie", radius: "60%", data: data.classes.labels.map(function (label, i) {
      return { name: label, value: data.classes.values[i] };
    }) }],
  });
  draw("chart-verdicts", {
    animation: false,
    tooltip: {}, legend: { data: [data.labels.first, data.labels.final] },
    xAxis: { type: "category", data: data.verdicts.labels }, yAxis: { type: "value" },
    series: [
      { name: data.labels.first, type: "bar", data: data.verdicts.first },
      { name: data.labels.final, type: "bar", data: data.verdicts.final },
    ],
  });
  draw("chart-units", {
    animation: false,
    tooltip: {}, grid: { left: 160 },
    xAxis: { type: "value", max: 100 }, yAxis: { type: "category", inverse: true, data: data.units.labels },
    series: [{ type: "bar", data: data.units.scores }],
  });
});
