// 队伍结构: chart options from the core's numbers, the people-dialog titles, the brackets
// setting, and the screen and settings form with the IPC stubbed.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

let handler: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined
const calls: [string, Record<string, unknown>][] = []
vi.mock('@tauri-apps/api/core', () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push([cmd, args])
    return handler(cmd, args)
  },
}))

import { compositionLegend, segmentLabel, sliceOfSeries, stackedSharesOption, trendOption } from '../lib/charts'
import { sliceTitle } from '../lib/structure'
import Structure from '../views/Structure.vue'
import Settings from '../views/Settings.vue'
import Dashboard from '../views/Dashboard.vue'
import type { Analysis, TrendPoint } from '../api'

beforeEach(() => {
  calls.length = 0
})

const point = (label: string, projected: boolean, headcount: number, average_age: number): TrendPoint => ({
  date: '2026-06-30', label, projected, headcount, average_age, median_age: null,
  share_35_and_under: null, share_50_and_over: null, retired: 0,
})

describe('structure charts', () => {
  it('stacks each distribution to 100% and leaves out empty categories', () => {
    const o = stackedSharesOption([
      { key: 'education', name: '学历', shares: [
        { label: '本科', count: 3, share: 0.75 },
        { label: '大专', count: 0, share: 0 },
        { label: '未填写', count: 1, share: 0.25 },
      ] },
      { key: 'skill_level', name: '技能等级', shares: [{ label: '技师', count: 4, share: 1 }] },
    ])
    expect(o.yAxis.data).toEqual(['学历', '技能等级'])
    expect(o.series.map((s) => s.id)).toEqual(['education|本科', 'education|未填写', 'skill_level|技师'])
    expect(o.series[0]!.data).toEqual([75, null])
    expect(o.series[2]!.data).toEqual([null, 100])
    expect(o.series[0]!.label.formatter).toBe('本科 75.0%')
    // A narrow segment keeps its name only, a tiny one shows nothing.
    expect(segmentLabel({ label: '中专及以下', count: 1, share: 0.2 }, 360).formatter).toBe('中专及以下')
    expect(segmentLabel({ label: '中专及以下', count: 1, share: 0.05 }, 360).show).toBe(false)
    expect(o.tooltip.formatter({ seriesName: '本科', seriesId: 'education|本科', value: 75 })).toBe('本科：3 人（75.0%）')
    expect(sliceOfSeries('education|本科')).toEqual({ dimension: 'education', label: '本科' })
    expect(sliceOfSeries('nonsense')).toBeNull()
  })

  it('gives the composition chart a legend: each bar its categories, in the colours of the segments', () => {
    const dims = [
      { key: 'education' as const, name: '学历', shares: [
        { label: '本科', count: 3, share: 0.75 },
        { label: '大专', count: 0, share: 0 },
        { label: '未填写', count: 1, share: 0.25 },
      ] },
      { key: 'skill_level' as const, name: '技能等级', shares: [{ label: '技师', count: 4, share: 1 }] },
    ]
    const legend = compositionLegend(dims)
    expect(legend.map((d) => [d.name, d.items.map((i) => `${i.label} ${i.share}`)])).toEqual([
      ['学历', ['本科 75.0%', '未填写 25.0%']],
      ['技能等级', ['技师 100.0%']],
    ])
    const colours = Object.fromEntries(stackedSharesOption(dims).series.map((s) => [s.id, s.itemStyle.color]))
    expect(legend[0]!.items.map((i) => i.color)).toEqual([colours['education|本科'], colours['education|未填写']])
    expect(legend[0]!.items[1]!.color).toBe('#c8c8c8')
  })

  it('draws the record solid and the projection dashed from the as-of date on', () => {
    const o = trendOption([
      point('2025年末', false, 4, 44.25),
      point('统计日', false, 4, 45),
      point('1年后', true, 3, 41.3333),
    ])
    expect(o.xAxis.data).toEqual(['2025年末', '统计日', '1年后'])
    expect(o.series[0]!.data).toEqual([44.3, 45, null])
    expect(o.series[1]!.data).toEqual([null, 45, 41.3])
    expect(o.series[1]!.lineStyle).toEqual({ type: 'dashed' })
    expect((o.series[2]!.data as { value: number }[]).map((d) => d.value)).toEqual([4, 4, 3])
  })

  it('titles the people dialog after the bar clicked', () => {
    const pyramid = [{ label: '30岁及以下', male: 1, female: 0 }, { label: '31–35岁', male: 0, female: 2 }]
    expect(sliceTitle({ dimension: 'age', bracket: 1, gender: '女' }, pyramid)).toBe('31–35岁 · 女')
    expect(sliceTitle({ dimension: 'age', bracket: 0 }, pyramid)).toBe('30岁及以下')
    expect(sliceTitle({ dimension: 'education', label: '本科' }, pyramid)).toBe('学历 · 本科')
    expect(sliceTitle({ dimension: 'retiring_within', years: 5 }, pyramid)).toBe('5 年内达到法定退休年龄')
  })
})

const analysis: Analysis = {
  structure: {
    as_of: '2026-06-30', population: 'all', headcount: 4, average_age: 45, median_age: 42.5,
    share_35_and_under: 0, share_50_and_over: 0.25, cadres: 2, reserves: 1, reserve_per_cadre: 0.5,
    pyramid: [{ label: '30岁及以下', male: 0, female: 0 }, { label: '31岁及以上', male: 2, female: 2 }],
    education: [{ label: '本科', count: 4, share: 1 }], professional_title: [], skill_level: [], political_status: [],
  },
  config: { brackets: [30], thresholds: { ageing_share_50: 0.4, reserve_per_cadre: 1, retirement_peak_share: 0.2 } },
  warnings: [{ code: 'reserve_shortage', title: '后备不足', message: '后备人才 1 人，少于政工干部 2 人' }],
  retiring: [{ person_id: 1, employee_no: '1', name: '职工甲', unit_name: '城关供电所', age: { years: 60, months: 6 }, date: '2027-03-20' }],
  retiring_within: { within_1: 1, within_3: 2, within_5: 2 },
  retiring_by_unit: [{ unit_name: '城关供电所', within_1: 1, within_3: 2, within_5: 2 }],
  retirement_category_missing: 0,
  overdue: [],
  trend: [point('统计日', false, 4, 45), point('1年后', true, 3, 41.3)],
  outlook: '如不补充新人，1 年后……',
}

describe('队伍结构 screen', () => {
  it('shows indicators, warnings, the outlook and the people behind the retiring card', async () => {
    handler = (cmd) => {
      if (cmd === 'structure') return analysis
      if (cmd === 'unit_tree') return []
      if (cmd === 'structure_members') {
        return [{ person_id: 1, employee_no: '1', name: '职工甲', unit_name: '城关供电所', gender: '男', age: 59, retirement_age: '60岁6个月', retirement_date: '2027-03-20' }]
      }
      return null
    }
    const w = mount(Structure, { global: { plugins: [ElementPlus], stubs: { Chart: true } }, attachTo: document.body })
    await flushPromises()
    expect(calls.find(([c]) => c === 'structure')![1]).toMatchObject({ population: 'all', years: 5 })
    expect(w.get('[data-testid=structure-headcount]').text()).toBe('4')
    expect(w.get('[data-testid=structure-reserve-ratio]').text()).toBe('0.50')
    expect(w.get('[data-testid=structure-warnings]').text()).toContain('后备不足')
    expect(w.get('[data-testid=structure-outlook]').text()).toBe('如不补充新人，1 年后……')
    expect(window.__qungongCharts?.pyramid).toBeTruthy()
    await w.get('[data-testid=structure-retiring]').trigger('click')
    await flushPromises()
    expect(calls.find(([c]) => c === 'structure_members')![1].slice).toEqual({ dimension: 'retiring_within', years: 5 })
    expect(document.body.textContent).toContain('60岁6个月')
    w.unmount()
  })
})

describe('设置：队伍结构', () => {
  it('loads the brackets and thresholds and saves them as shares', async () => {
    handler = (cmd) => {
      if (cmd === 'structure_config_get') return analysis.config
      // The core's answer for the text typed below (its rules are tested in Rust).
      if (cmd === 'structure_brackets_preview') {
        return { brackets: [35, 45, 55], labels: ['35岁及以下', '36–45岁', '46–55岁', '56岁及以上'] }
      }
      if (cmd === 'app_info') return { version: '0.1.0', db_path: '/tmp/x.db', schema_version: 2 }
      return null
    }
    const w = mount(Settings, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    const input = w.get('input[data-testid=settings-brackets]')
    expect((input.element as HTMLInputElement).value).toBe('30')
    await input.setValue('35，45、55')
    await flushPromises()
    expect(calls.filter(([c]) => c === 'structure_brackets_preview').pop()![1]).toEqual({ text: '35，45、55' })
    expect(w.get('[data-testid=settings-bracket-labels]').text()).toBe('35岁及以下、36–45岁、46–55岁、56岁及以上')
    await w.get('[data-testid=settings-structure-save]').trigger('click')
    await flushPromises()
    const saved = calls.find(([c]) => c === 'structure_config_set')
    expect(saved![1]).toEqual({
      config: { brackets: [35, 45, 55], thresholds: { ageing_share_50: 0.4, reserve_per_cadre: 1, retirement_peak_share: 0.2 } },
    })
    w.unmount()
  })
})

describe('工作台：队伍结构预警', () => {
  it('lists each warning with the population it concerns', async () => {
    handler = (cmd) => {
      if (cmd === 'dashboard') {
        return {
          today: '2026-11-24', upcoming: [], latest: [], month_activities: 0,
          month: { invited: 0, attended: 0, present: 0, late: 0, leave: 0, absent: 0, not_checked_in: 0, walk_ins: 0, rate: null },
          structure: analysis.structure,
          warnings: [{ population: '政工干部', code: 'ageing', title: '老龄化', message: '50岁及以上占 42.1%（高于 40.0%），平均年龄 49.4 岁' }],
          overdue: [], retirement_category_missing: 0, unit_count: 2, staff_count: 4,
        }
      }
      return null
    }
    const w = mount(Dashboard, { global: { plugins: [ElementPlus], stubs: { RouterLink: true } }, attachTo: document.body })
    await flushPromises()
    const text = w.get('[data-testid=dashboard-warnings]').text()
    expect(text).toContain('政工干部')
    expect(text).toContain('老龄化')
    expect(text).toContain('50岁及以上占 42.1%')
    w.unmount()
  })
})
