// Draw the rates chart of the filings statistics page from the JSON the page embeds.
document.addEventListener("DOMContentLoaded", function () {
  var data = document.getElementById("filings-chart");
  var box = document.getElementById("rates-chart");
  if (!data || !box || !window.echarts) { return; }
  var chart = JSON.parse(data.textContent);
  var names = Object.keys(chart.series);
  window.echarts.init(box).setOption({
    tooltip: { trigger: "axis" },
    legend: { data: names },
    grid: { left: 40, right: 20, bottom: 90 },
    xAxis: { type: "category", data: chart.labels, axisLabel: { rotate: 40 } },
    yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    series: names.map(function (name) {
      return { name: name, type: "bar", data: chart.series[name] };
    })
  });
});
