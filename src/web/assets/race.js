// 赛马 page: draws the five-colour chart from the options the server embedded (the same options as
// the pushed PNG). A file, not an inline script: the Content-Security-Policy allows only 'self'.
(() => {
  const data = document.getElementById('five-colour-option');
  const el = document.getElementById('five-colour-chart');
  if (!data || !el || !window.echarts) return;
  const { option, height } = JSON.parse(data.textContent);
  el.style.height = `${height}px`;
  const chart = window.echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption(option);
  el.dataset.drawn = 'true';
  window.addEventListener('resize', () => chart.resize());
  window.addEventListener('beforeprint', () => chart.resize());
})();
