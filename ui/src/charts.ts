// ECharts options built from a Structure. Pure functions: the screen renders them and the tests
// read them (window.__qungongCharts).
import type { PyramidRow, Share } from './api'

const MALE = '#3a7bd5'
const FEMALE = '#e0607e'
const PALETTE = ['#3a7bd5', '#52b788', '#f4a261', '#e76f51', '#8e7dbe', '#2a9d8f', '#e9c46a', '#999999']

/** A round axis end at or above `n`: 1, 2, 5 × 10^k. */
export function niceCeil(n: number): number {
  if (n <= 1) return 1
  const p = Math.pow(10, Math.floor(Math.log10(n)))
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= n) return m * p
  return 10 * p
}

/** Age pyramid: brackets bottom-up, 男 to the left (negative values shown as their size), 女 right. */
export function pyramidOption(rows: PyramidRow[]) {
  const labels = rows.map((r) => r.label)
  // Room beyond the longest bar for its label, and the same scale on both sides.
  const longest = Math.max(1, ...rows.map((r) => Math.max(r.male, r.female)))
  const max = niceCeil(longest * 1.2)
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
      interval: max / 2,
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

/** A distribution as a pie: "本科 120 人（40.0%）". */
export function pieOption(shares: Share[]) {
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
    legend: { type: 'scroll', bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        center: ['50%', '45%'],
        data: shares.map((s) => ({ name: s.label, value: s.count })),
        label: { formatter: (p: { name: string; value: number; percent: number }) => `${p.name}\n${p.value} 人（${p.percent.toFixed(1)}%）` },
      },
    ],
  }
}

/** A distribution as bars with "人数（占比）" labels. */
export function barOption(shares: Share[]) {
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 16, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: shares.map((s) => s.label), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, name: '人数' },
    series: [
      {
        type: 'bar',
        barMaxWidth: 48,
        data: shares.map((s) => s.count),
        label: {
          show: true,
          position: 'top',
          formatter: (p: { dataIndex: number }) => {
            const s = shares[p.dataIndex]
            return s ? `${s.count}（${pct(s.share)}）` : ''
          },
        },
      },
    ],
  }
}
