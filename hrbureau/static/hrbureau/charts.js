// Draws the charts a page declares with data-chart; the figures come from a json_script block that
// the server rendered from the same selector as the table beside it (no figure is typed in here).
(function () {
  "use strict";
  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  var builders = {
    "street-bars": function (el, data) {
      return {
        tooltip: { trigger: "axis" },
        legend: { top: 0, data: [el.dataset.labelEnterprises, el.dataset.labelPeople] },
        grid: { left: 48, right: 16, bottom: 64, top: 40 },
        xAxis: { type: "category", data: data.streets, axisLabel: { rotate: 30 } },
        yAxis: { type: "value" },
        series: [
          { name: el.dataset.labelEnterprises, type: "bar", data: data.enterprises },
          { name: el.dataset.labelPeople, type: "bar", data: data.people }
        ]
      };
    },
    // The HR-service industry's figures by period (hrmarket's industry page): counts as bars, revenue and
    // the submission rate as lines on their own axes.
    "industry-trend": function (el, data) {
      return {
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 64, right: 64, bottom: 48, top: 48 },
        xAxis: { type: "category", data: data.periods },
        yAxis: [{ type: "value" }, { type: "value", position: "right" }, { type: "value", show: false, max: 100 }],
        series: [
          { name: el.dataset.labelPlacements, type: "bar", data: data.placements },
          { name: el.dataset.labelServed, type: "bar", data: data.people_served },
          { name: el.dataset.labelRevenue, type: "line", yAxisIndex: 1, data: data.revenue },
          { name: el.dataset.labelRate, type: "line", yAxisIndex: 2, data: data.rate }
        ]
      };
    }
  };
  function draw() {
    if (!window.echarts) { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var build = builders[el.dataset.chart];
      var data = readJson(el.dataset.chartSource);
      if (!build || !data) { return; }
      var chart = window.echarts.init(el);
      chart.setOption(build(el, data));
      el.setAttribute("data-chart-ready", "true");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  if (document.readyState === "complete") { draw(); } else { window.addEventListener("load", draw); }
})();
