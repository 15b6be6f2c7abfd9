// Draw a project's completion and spending over time from the JSON the page embeds.
document.addEventListener("DOMContentLoaded", function () {
  var holder = document.getElementById("progress-chart");
  var source = document.getElementById("progress-data");
  if (!holder || !source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var chart = echarts.init(holder, null, { renderer: "svg" });
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { data: ["完成进度（%）", "累计支出（万元）"] },
    grid: { left: 48, right: 56, top: 36, bottom: 28 },
    xAxis: { type: "category", data: data.dates },
    yAxis: [
      { type: "value", min: 0, max: 100, name: "%" },
      { type: "value", min: 0, max: Math.max(data.budget, Math.max.apply(null, data.spent)), name: "万元" }
    ],
    series: [
      { name: "完成进度（%）", type: "line", data: data.percent, itemStyle: { color: "#b7282e" } },
      { name: "累计支出（万元）", type: "bar", yAxisIndex: 1, data: data.spent, itemStyle: { color: "#7f8c9a" },
        markLine: { data: [{ yAxis: data.budget, name: "预算" }], label: { formatter: "预算" } } }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
});
