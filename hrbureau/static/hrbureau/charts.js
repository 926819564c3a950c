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
