// ECharts options built from a Structure. Pure functions: the screen renders them and the tests
// read them (window.__qungongCharts).
import type { PyramidRow, Share, TrendPoint } from '../api'

const MALE = '#3a7bd5'
const FEMALE = '#e0607e'
const PALETTE = ['#3a7bd5', '#52b788', '#f4a261', '#e76f51', '#8e7dbe', '#2a9d8f', '#e9c46a', '#999999']

/** Steps of an axis counting people: whole numbers only (1, 2, 5, 10, 20, 25, 50, 100 …). */
function wholeSteps(limit: number): number[] {
  const out: number[] = []
  for (let p = 1; out.length === 0 || out[out.length - 1]! < limit; p *= 10) {
    for (const m of [1, 2, 5, 10, 20, 25, 50]) if (m * p >= 1 && !out.includes(m * p)) out.push(m * p)
  }
  return out.sort((a, b) => a - b)
}

/**
 * One side of an axis counting people, from 0 to at least `n`: 2 to 4 whole steps, the
 * shortest such axis (no "2.5 人" tick).
 */
export function peopleAxis(n: number): { max: number; interval: number } {
  const need = Math.max(n, 1)
  let best = { max: Infinity, interval: 1 }
  for (const steps of [2, 3, 4]) {
    const interval = wholeSteps(need).find((s) => s * steps >= need) ?? need
    if (interval * steps < best.max) best = { max: interval * steps, interval }
  }
  return best
}

/** Age pyramid: brackets bottom-up, 男 to the left (negative values shown as their size), 女 right. */
export function pyramidOption(rows: PyramidRow[]) {
  const labels = rows.map((r) => r.label)
  // Room beyond the longest bar for its label, and the same scale on both sides.
  const longest = Math.max(1, ...rows.map((r) => Math.max(r.male, r.female)))
  const { max, interval } = peopleAxis(longest * 1.2)
  return {
    color: [MALE, FEMALE],
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: number) => `${Math.abs(v)} 人`,
    },
    legend: { data: ['男', '女'], top: 0 },
    grid: { left: 16, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: -max,
      max,
      interval,
      minInterval: 1,
      axisLabel: { formatter: (v: number) => String(Math.abs(v)) },
    },
    yAxis: { type: 'category', data: labels, axisTick: { show: false } },
    series: [
      {
        name: '男',
        type: 'bar',
        stack: 'total',
        data: rows.map((r) => -r.male),
        label: {
          show: true,
          position: 'left',
          formatter: (p: { value: number }) => (p.value ? String(Math.abs(p.value)) : ''),
        },
      },
      {
        name: '女',
        type: 'bar',
        stack: 'total',
        data: rows.map((r) => r.female),
        label: {
          show: true,
          position: 'right',
          formatter: (p: { value: number }) => (p.value ? String(p.value) : ''),
        },
      },
    ],
  }
}

const pct = (s: number) => `${(s * 100).toFixed(1)}%`

/** One bar of the distributions chart: a dimension (学历 …) and its shares. */
export interface Dimension {
  key: 'education' | 'professional_title' | 'skill_level' | 'political_status'
  name: string
  shares: Share[]
}

/** Series ids of the stacked distributions: "education|本科". */
export function sliceOfSeries(id: string): { dimension: Dimension['key']; label: string } | null {
  const i = id.indexOf('|')
  if (i < 0) return null
  return { dimension: id.slice(0, i) as Dimension['key'], label: id.slice(i + 1) }
}

/**
 * What fits inside a segment `share` of `plotWidth` pixels wide: "本科 47.6%", else "本科", else
 * nothing (the tooltip has it all). CJK characters are about 12 px at the label size.
 */
export function segmentLabel(s: Share, plotWidth: number) {
  const room = s.share * plotWidth - 6
  const textWidth = (t: string) => [...t].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 12 : 7), 0)
  const full = `${s.label} ${pct(s.share)}`
  const formatter = textWidth(full) <= room ? full : textWidth(s.label) <= room ? s.label : ''
  return { show: formatter !== '', position: 'inside', color: '#fff', formatter }
}

/** The colour of the `k`-th category of a dimension; 未填写 grey. */
export function shareColor(label: string, k: number) {
  return label === '未填写' ? '#c8c8c8' : PALETTE[k % (PALETTE.length - 1)]!
}

/** The legend of the distributions chart: per dimension, its categories with colour and share. */
export function compositionLegend(dims: Dimension[]) {
  return dims.map((d) => ({
    key: d.key,
    name: d.name,
    items: d.shares
      .filter((s) => s.count > 0)
      .map((s, k) => ({ label: s.label, color: shareColor(s.label, k), count: s.count, share: pct(s.share) })),
  }))
}

/**
 * The distributions as 100% stacked horizontal bars, one bar per dimension; each segment is a
 * category ("本科 40.0%"), its tooltip gives the count. Empty categories are left out.
 */
export function stackedSharesOption(dims: Dimension[], plotWidth = 360) {
  const series = dims.flatMap((d, row) =>
    d.shares
      .filter((s) => s.count > 0)
      .map((s, k) => ({
        id: `${d.key}|${s.label}`,
        name: s.label,
        type: 'bar',
        stack: 'share',
        barWidth: 26,
        itemStyle: { color: shareColor(s.label, k) },
        data: dims.map((_, i) => (i === row ? Math.round(s.share * 1000) / 10 : null)),
        count: s.count,
        label: segmentLabel(s, plotWidth),
        tooltip: { valueFormatter: () => `${s.count} 人（${pct(s.share)}）` },
      })),
  )
  return {
    tooltip: { trigger: 'item', formatter: (p: { seriesName: string; seriesId: string; value: number }) => {
      const found = series.find((x) => x.id === p.seriesId)
      return `${p.seriesName}：${found?.count ?? 0} 人（${p.value.toFixed(1)}%）`
    } },
    grid: { left: 16, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: dims.map((d) => d.name), inverse: true, axisTick: { show: false } },
    series,
  }
}

/**
 * Average age (left axis, solid for the record, dashed for the projection) and headcount (right
 * axis, bars; lighter when projected) at each point of the trend.
 */
export function trendOption(points: TrendPoint[]) {
  const now = points.findIndex((p) => !p.projected && p.label === '统计日')
  const age = (p: TrendPoint) => (p.average_age == null ? null : Math.round(p.average_age * 10) / 10)
  return {
    color: ['#3a7bd5', '#3a7bd5', '#9db8e0'],
    tooltip: { trigger: 'axis' },
    legend: { data: ['平均年龄', '平均年龄（预测）', '人数'], top: 0 },
    grid: { left: 16, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.label), axisLabel: { interval: 0 } },
    yAxis: [
      { type: 'value', name: '岁', scale: true, minInterval: 1 },
      { type: 'value', name: '人', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        name: '平均年龄',
        type: 'line',
        data: points.map((p, i) => (p.projected || (now >= 0 && i > now) ? null : age(p))),
        label: { show: true, formatter: (x: { value: number }) => x.value.toFixed(1) },
      },
      {
        name: '平均年龄（预测）',
        type: 'line',
        lineStyle: { type: 'dashed' },
        data: points.map((p, i) => (p.projected || i === now ? age(p) : null)),
        label: { show: true, formatter: (x: { value: number }) => x.value.toFixed(1) },
      },
      {
        name: '人数',
        type: 'bar',
        yAxisIndex: 1,
        barMaxWidth: 24,
        data: points.map((p) => ({ value: p.headcount, itemStyle: { opacity: p.projected ? 0.45 : 1 } })),
      },
    ],
  }
}
