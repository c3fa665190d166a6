// Charts drawn from the table beside each one (the table is the data, for screen readers and printing too).
// A chart container names its table with data-source; the table's header cells with data-series are the series and
// each body row with data-category a point, its cells' data-value the values (empty: no value). Colours come from the
// light palette in site.css; bars carry patterns (ECharts decals) and lines differ in dash and symbol, so colour is
// never the only signal. No inline script or style: everything is set through the DOM, as the CSP requires.
(function () {
  'use strict';

  if (!window.echarts) {
    return;
  }

  var css = window.getComputedStyle(document.documentElement);

  function palette(name) {
    return css.getPropertyValue('--chart-' + name).trim() || css.getPropertyValue('--light-' + name + '-chart').trim() || '#5f6b7a';
  }

  function read(table) {
    var headers = Array.prototype.slice.call(table.querySelectorAll('thead th'));
    var series = [];
    headers.forEach(function (th, index) {
      if (th.hasAttribute('data-series')) {
        series.push({ key: th.getAttribute('data-series'), kind: th.getAttribute('data-kind') || 'bar', name: th.textContent.trim(), column: index, data: [] });
      }
    });
    var categories = [];
    table.querySelectorAll('tbody tr[data-category]').forEach(function (row) {
      categories.push(row.getAttribute('data-category'));
      var cells = row.children;
      series.forEach(function (s) {
        var cell = cells[s.column];
        var value = cell ? cell.getAttribute('data-value') : null;
        s.data.push(value === null || value === '' ? null : Number(value));
      });
    });
    return { categories: categories, series: series };
  }

  var dashes = ['solid', 'dashed', 'dotted'];
  var symbols = ['circle', 'triangle', 'rect', 'diamond'];

  function draw(container) {
    var table = document.getElementById(container.getAttribute('data-source'));
    if (!table) {
      return;
    }

    var data = read(table);
    var stacked = container.getAttribute('data-chart') === 'trend';
    var unit = container.getAttribute('data-unit') || '';
    var chart = window.echarts.init(container, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      aria: { enabled: true, decal: { show: stacked } },
      textStyle: { fontFamily: css.getPropertyValue('--font-cjk').trim() || 'sans-serif' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 12, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.categories, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', name: unit, minInterval: stacked ? 1 : 0 },
      series: data.series.map(function (s, index) {
        var color = palette(s.key);
        if (stacked) {
          return { name: s.name, type: 'bar', stack: 'all', data: s.data, itemStyle: { color: color }, barMaxWidth: 36 };
        }

        return {
          name: s.name,
          type: 'line',
          data: s.data,
          connectNulls: s.kind !== 'points',
          color: color,
          symbol: symbols[index % symbols.length],
          symbolSize: s.kind === 'points' ? 9 : 5,
          showSymbol: s.kind === 'points',
          lineStyle: { type: dashes[index % dashes.length], width: s.kind === 'points' ? 2.5 : 2 },
        };
      }),
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  document.querySelectorAll('[data-chart]').forEach(draw);
}());
