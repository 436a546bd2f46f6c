import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import * as echarts from 'echarts';
import type { Colour } from '../core/reply.ts';
import { COLOUR_WORD } from '../race/colours.ts';
import { formatPercent } from '../race/format.ts';
import type { Ranking } from '../race/ranking.ts';
import type { RaceSettings } from '../race/settings.ts';
import { zh } from '../text/zh.ts';
import { formatChineseDate } from '../time/clock.ts';

const require = createRequire(import.meta.url);
/** Noto Sans SC ships inside an npm package, so a fresh `npm ci` has it: no tofu boxes, no system fonts needed. */
export const FONT_FILES = [
  require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
];
const FONT_FAMILY = 'Noto Sans SC';

export const BAND_COLOUR: Record<Colour, string> = {
  green: '#2BA245',
  blue: '#2F6FED',
  yellow: '#F2C12E',
  orange: '#F28C28',
  red: '#D93025',
};
const UNRANKED = '#B0B0B0';
export const CHART_WIDTH = 960;
const ROW = 30;

export function chartHeight(rows: number): number {
  return 150 + rows * ROW + 40;
}

function bandLegend(
  settings: Pick<RaceSettings, 'bands' | 'direction'>,
): Array<{ colour: Colour; label: string }> {
  const order: Colour[] = ['green', 'blue', 'yellow', 'orange', 'red'];
  const colours = settings.direction === 'green-high' ? order : [...order].reverse();
  const [a, b, c, d] = settings.bands.map((x) => formatPercent(x));
  const ranges = [`≥${a}`, `${b}–${a}`, `${c}–${b}`, `${d}–${c}`, `<${d}`];
  return colours.map((colour, i) => ({ colour, label: `${COLOUR_WORD[colour]} ${ranges[i]}` }));
}

/**
 * The 五色图's ECharts options: every unit a bar of r against 序时进度 in its band's colour, with
 * title, period and legend. Plain data (no functions), so the same options draw the pushed PNG on
 * the server and the chart in the browser (src/web/pages/race.ts); only the font differs, because
 * the browser uses the viewer's own.
 */
export function fiveColourOption(
  ranking: Ranking,
  title: string,
  settings: Pick<RaceSettings, 'bands' | 'direction' | 'rankingTier'>,
  fontFamily: string = FONT_FAMILY,
): { option: Record<string, unknown>; width: number; height: number } {
  const rows = [...ranking.standings].reverse();
  const height = chartHeight(rows.length);
  const legend = bandLegend(settings);
  const max = Math.max(1.2, ...rows.map((s) => s.score ?? 0)) * 100;
  const option = {
    animation: false,
    backgroundColor: '#FFFFFF',
    textStyle: { fontFamily },
    title: {
      text: title,
      subtext: zh.chartSubtitle(
        formatChineseDate(ranking.asOf),
        formatPercent(ranking.elapsed),
        settings.rankingTier,
      ),
      left: 'center',
      top: 12,
      textStyle: { fontSize: 22, fontWeight: 'bold', fontFamily },
      subtextStyle: { fontSize: 13, color: '#555', fontFamily },
    },
    legend: {
      top: 80,
      left: 'center',
      itemWidth: 18,
      itemHeight: 12,
      textStyle: { fontSize: 13, fontFamily },
      data: [...legend.map((l) => l.label), zh.chartNoTarget],
    },
    grid: { left: 190, right: 90, top: 120, bottom: 30 },
    xAxis: {
      type: 'value',
      max: Math.ceil(max / 10) * 10,
      axisLabel: { formatter: '{value}%', fontFamily },
      splitLine: { lineStyle: { color: '#EEE' } },
    },
    yAxis: {
      type: 'category',
      data: rows.map((s) => (s.rank === null ? s.unit.name : `${s.rank}. ${s.unit.name}`)),
      axisLabel: { fontSize: 13, fontFamily, color: '#222' },
      axisTick: { show: false },
    },
    series: [
      ...legend.map((l) => ({
        name: l.label,
        type: 'bar',
        stack: 'r',
        barWidth: 18,
        itemStyle: { color: BAND_COLOUR[l.colour] },
        // a bar's value is r in per cent, already rounded to one decimal: the label is that value
        label: { show: true, position: 'right', fontFamily, formatter: '{c}%' },
        data: rows.map((s) =>
          s.colour === l.colour && s.score !== null ? Math.round(s.score * 1000) / 10 : null,
        ),
        markLine:
          l.colour === legend[0]?.colour
            ? {
                symbol: 'none',
                silent: true,
                lineStyle: { color: '#333', type: 'dashed' },
                label: { show: false },
                data: [{ xAxis: 100 }],
              }
            : undefined,
      })),
      {
        name: zh.chartNoTarget,
        type: 'bar',
        stack: 'r',
        itemStyle: { color: UNRANKED },
        data: rows.map((s) => (s.score === null ? 0.5 : null)),
      },
    ],
  };
  return { option, width: CHART_WIDTH, height };
}

/** The 五色图 as SVG, drawn on the server from `fiveColourOption`. */
export function fiveColourSvg(
  ranking: Ranking,
  title: string,
  settings: Pick<RaceSettings, 'bands' | 'direction' | 'rankingTier'>,
): string {
  const { option, width, height } = fiveColourOption(ranking, title, settings);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption(option);
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

interface Pending {
  resolve: (png: Buffer) => void;
  reject: (e: Error) => void;
}

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();

function renderer(): Worker {
  if (worker) return worker;
  // one long-lived worker: it reads the fonts once, not once per picture
  const w = new Worker(new URL('./render-worker.mjs', import.meta.url), {
    workerData: { fontFiles: FONT_FILES },
  });
  w.unref();
  w.on('message', (m: { id: number; png?: Uint8Array; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    // an idle renderer must not keep the process alive; a busy one must
    if (pending.size === 0) w.unref();
    if (!p) return;
    if (m.png) p.resolve(Buffer.from(m.png.buffer, m.png.byteOffset, m.png.byteLength));
    else p.reject(new Error(m.error ?? 'render failed'));
  });
  w.on('error', (e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    worker = null;
  });
  worker = w;
  return w;
}

/** Ends the render worker (the next render starts a new one): for shutdown, and to time a cold start. */
export async function stopPictureRenderer(): Promise<void> {
  const w = worker;
  worker = null;
  await w?.terminate();
}

/**
 * Renders in a worker thread (font loading, rasterising and PNG encoding included), so the bot keeps
 * answering meanwhile; resvg's own renderAsync still encodes the PNG on the calling thread.
 */
export function svgToPng(svg: string): Promise<Buffer> {
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const w = renderer();
    w.ref();
    w.postMessage({
      id,
      svg,
      options: {
        font: { loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
        background: '#FFFFFF',
        fitTo: { mode: 'width', value: CHART_WIDTH * 2 },
      },
    });
  });
}

export async function fiveColourPng(
  ranking: Ranking,
  title: string,
  settings: Pick<RaceSettings, 'bands' | 'direction' | 'rankingTier'>,
): Promise<Buffer> {
  return svgToPng(fiveColourSvg(ranking, title, settings));
}
