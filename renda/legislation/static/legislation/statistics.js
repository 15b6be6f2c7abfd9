// Draw the consultation statistics from the JSON the page embeds (no inline script: CSP).
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("lx-chart-data");
  if (!source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  function bars(id, labels, opinions, adopted) {
    var node = document.getElementById(id);
    if (!node) return;
    echarts.init(node).setOption({
      tooltip: { trigger: "axis" },
      legend: { data: ["意见", "采纳"] },
      grid: { left: 40, right: 10, bottom: 60 },
      xAxis: { type: "category", data: labels, axisLabel: { rotate: labels.length > 5 ? 30 : 0 } },
      yAxis: { type: "value" },
      series: [
        { name: "意见", type: "bar", data: opinions, itemStyle: { color: "#3b6ea5" } },
        { name: "采纳", type: "bar", data: adopted, itemStyle: { color: "#b7282e" } }
      ]
    });
  }
  bars("lx-chart-years", data.years.map(String), data.opinions, data.adopted);
  bars("lx-chart-points", data.points, data.point_opinions, data.point_adopted);
});
