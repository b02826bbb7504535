// 出勤统计: the period quick picks, the unit tree, the threshold, sorting, the 未出勤名单 grouping,
// and the screen itself with a mocked transport.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createRouter, createMemoryHistory } from 'vue-router'
import type { Absence, AbsenceRun, AbsentPage, KindTable, PersonRate, UnitRate } from '../api'
import {
  groupSummary,
  isLow,
  parseAbsenceRun,
  parseLowRate,
  runText,
  periodOf,
  sortPeople,
  unitTreeRows,
} from '../lib/attendanceStats'

let handler: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined
const calls: [string, Record<string, unknown>][] = []
vi.mock('@tauri-apps/api/core', () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push([cmd, args])
    return handler(cmd, args)
  },
}))

import Attendance from '../views/Attendance.vue'
import Settings from '../views/Settings.vue'

const counts = (invited: number, attended: number, leave: number, absent: number, late = 0) => ({
  invited, attended, present: attended - late, late, leave, absent, not_checked_in: 0, walk_ins: 0,
  rate: invited - leave > 0 ? attended / (invited - leave) : null,
})
const unit = (unit_id: number, name: string, depth: number, c = counts(0, 0, 0, 0)): UnitRate =>
  ({ unit_id, name, path: name, depth, ...c }) as UnitRate
const person = (person_id: number, employee_no: string, c: ReturnType<typeof counts>): PersonRate =>
  ({ person_id, employee_no, name: `人${person_id}`, unit_id: 2, unit_name: '城关供电所', ...c }) as PersonRate
const absence = (person_id: number, activity_id: number, starts_at: string, status: '缺席' | '请假', leave_reason: string | null = null): Absence => ({
  activity_id, activity_title: `活动${activity_id}`, starts_at, person_id, employee_no: `1000${person_id}`,
  name: `人${person_id}`, unit_name: '城关供电所', status, leave_reason,
}) as Absence

describe('出勤统计 logic', () => {
  it('turns the quick picks into periods', () => {
    const d = new Date(2026, 10, 30) // 2026-11-30
    expect(periodOf('month', d)).toEqual({ from: '2026-11-01', to: '2026-11-30' })
    expect(periodOf('quarter', d)).toEqual({ from: '2026-10-01', to: '2026-12-31' })
    expect(periodOf('year', d)).toEqual({ from: '2026-01-01', to: '2026-12-31' })
    expect(periodOf('month', new Date(2024, 1, 10))).toEqual({ from: '2024-02-01', to: '2024-02-29' })
    expect(periodOf('quarter', new Date(2026, 1, 3))).toEqual({ from: '2026-01-01', to: '2026-03-31' })
    expect(periodOf('quarter', new Date(2026, 5, 30))).toEqual({ from: '2026-04-01', to: '2026-06-30' })
  })

  it('reads the threshold setting, falling back to 80', () => {
    expect(parseLowRate(null)).toBe(80)
    expect(parseLowRate('')).toBe(80)
    expect(parseLowRate('70')).toBe(70)
    expect(parseLowRate('90%')).toBe(90)
    expect(parseLowRate('0')).toBe(80)
    expect(parseLowRate('abc')).toBe(80)
  })

  it('reads the run setting (2–20, default 3) and words a run', () => {
    expect(parseAbsenceRun(null)).toBe(3)
    expect(parseAbsenceRun('4')).toBe(4)
    expect(parseAbsenceRun('1')).toBe(3)
    expect(parseAbsenceRun('21')).toBe(3)
    expect(runText({ longest: 3, current: 3 })).toBe('连续缺席 3 次（至今）')
    expect(runText({ longest: 4, current: 2 })).toBe('连续缺席 4 次（至今 2 次）')
    expect(runText({ longest: 3, current: 0 })).toBe('连续缺席 3 次')
  })

  it('marks rates below the threshold as shown (tenths of a percent), never a missing rate', () => {
    expect(isLow(0.799, 80)).toBe(true)
    expect(isLow(0.8, 80)).toBe(false)
    expect(isLow(0.79996, 80)).toBe(false) // shown as 80.0%
    expect(isLow(null, 80)).toBe(false)
    expect(isLow(0, 1)).toBe(true)
  })

  it('builds the unit tree from the rows in tree order', () => {
    const tree = unitTreeRows([unit(1, '公司', 0), unit(2, '城关所', 1), unit(3, '营业班', 2), unit(4, '运检班', 2), unit(5, '河西所', 1), unit(6, '另一公司', 0)])
    expect(tree.map((r) => r.name)).toEqual(['公司', '另一公司'])
    expect(tree[0].children?.map((r) => r.name)).toEqual(['城关所', '河西所'])
    expect(tree[0].children?.[0].children?.map((r) => r.name)).toEqual(['营业班', '运检班'])
    expect(tree[0].children?.[1].children).toBeUndefined()
    // A subtree (the chosen unit at depth 1) is rooted at that unit.
    const sub = unitTreeRows([unit(2, '城关所', 1), unit(3, '营业班', 2)])
    expect(sub.map((r) => r.name)).toEqual(['城关所'])
    expect(sub[0].children?.map((r) => r.name)).toEqual(['营业班'])
  })

  it('sorts people by rate, 应到 or 缺席 with no rate last', () => {
    const rows = [person(1, '10001', counts(4, 4, 0, 0)), person(2, '10002', counts(2, 0, 2, 0)), person(3, '10003', counts(5, 2, 0, 3))]
    expect(sortPeople(rows, 'rate', 'ascending').map((r) => r.person_id)).toEqual([3, 1, 2])
    expect(sortPeople(rows, 'rate', 'descending').map((r) => r.person_id)).toEqual([1, 3, 2])
    expect(sortPeople(rows, 'invited', 'descending').map((r) => r.person_id)).toEqual([3, 1, 2])
    expect(sortPeople(rows, 'absent', 'descending').map((r) => r.person_id)).toEqual([3, 1, 2])
    expect(rows.map((r) => r.person_id)).toEqual([1, 2, 3]) // not sorted in place
  })

  it('sums up a person on the did-not-attend list, leave apart from absence', () => {
    const a = (id: number) => absence(1, id, '2026-03-10T09:00:00', '缺席')
    expect(groupSummary({ absent: [a(10), a(11), a(12)], leave: [absence(1, 13, '2026-04-01T09:00:00', '请假', '病假')] })).toBe('缺席 3 次，请假 1 次')
    expect(groupSummary({ absent: [a(10)], leave: [] })).toBe('缺席 1 次')
    expect(groupSummary({ absent: [], leave: [absence(3, 1, '2026-01-01T09:00:00', '请假')] })).toBe('请假 1 次')
  })
})

const unitRows = [unit(1, '示范供电公司', 0, counts(40, 30, 2, 8, 3)), unit(2, '城关供电所', 1, counts(20, 18, 1, 1)), unit(3, '营业班', 2, counts(10, 9, 0, 1))]
const personRows = Array.from({ length: 25 }, (_, i) => person(i + 1, String(10001 + i), counts(4, i < 3 ? 2 : 4, 0, i < 3 ? 2 : 0)))
// The core pages the 未出勤名单 by person: 45 people in all, the first page's first person here.
const absentPage = (offset: number): AbsentPage => ({
  total: 45,
  groups: [
    {
      person_id: 1 + offset, employee_no: String(10001 + offset), name: `人${1 + offset}`, unit_name: '城关供电所',
      absent: [absence(1 + offset, 10, '2026-03-10T09:00:00', '缺席'), absence(1 + offset, 11, '2026-03-20T09:00:00', '缺席')],
      leave: [absence(1 + offset, 12, '2026-04-01T09:00:00', '请假', '年休假')],
    },
  ],
})
const kindTable: KindTable = {
  kinds: ['专题讲座', '职工座谈会'],
  rows: [
    { unit_id: 1, name: '示范供电公司', path: '示范供电公司', depth: 0, activities: 5, counts: counts(30, 24, 2, 4),
      cells: [{ kind: '专题讲座', activities: 3, counts: counts(20, 16, 2, 2) }, { kind: '职工座谈会', activities: 2, counts: counts(10, 8, 0, 2) }] },
    { unit_id: 2, name: '城关供电所', path: '示范供电公司/城关供电所', depth: 1, activities: 1, counts: counts(10, 9, 0, 1),
      cells: [{ kind: '专题讲座', activities: 1, counts: counts(10, 9, 0, 1) }, { kind: '职工座谈会', activities: 0, counts: counts(0, 0, 0, 0) }] },
    { unit_id: null, name: '未指定组织单位', path: '未指定组织单位', depth: 0, activities: 1, counts: counts(4, 1, 0, 3),
      cells: [{ kind: '专题讲座', activities: 0, counts: counts(0, 0, 0, 0) }, { kind: '职工座谈会', activities: 1, counts: counts(4, 1, 0, 3) }] },
  ],
} as KindTable
const runRows: AbsenceRun[] = [
  { person_id: 1, employee_no: '10001', name: '人1', unit_name: '城关供电所', longest: 3, current: 3 },
  { person_id: 2, employee_no: '10002', name: '人2', unit_name: '城关供电所', longest: 4, current: 1 },
]
const history = {
  person_id: 1, counts: counts(4, 2, 0, 2),
  rows: [{ activity_id: 10, title: '安全生产专题讲座', kind: '专题讲座', starts_at: '2026-03-10T09:00:00', organizer_name: null, invited: true, status: null, status_label: '缺席', checked_in_at: null, leave_reason: null }],
}

beforeEach(() => {
  calls.length = 0
  handler = (cmd, args) => {
    if (cmd === 'attendance_rates') return args.by === 'unit' ? unitRows : personRows
    if (cmd === 'attendance_absent_groups') return absentPage(args.offset as number)
    if (cmd === 'attendance_by_kind') return kindTable
    if (cmd === 'attendance_absence_runs') return runRows
    if (cmd === 'codes') return { activity_kind: ['专题讲座', '职工座谈会'] }
    if (cmd === 'person_attendance') return history
    if (cmd === 'setting_get') return args.key === 'attendance_low_rate' ? '75' : null
    if (cmd === 'unit_tree') return []
    return null
  }
})

describe('出勤统计 screen', () => {
  it('shows the core numbers by unit, by person with low rates marked, the list, and a person drawer', async () => {
    const r = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
    const w = mount(Attendance, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await flushPromises()

    const now = new Date()
    const month = periodOf('month', now)
    // Only the tab on screen is asked for.
    expect(calls.find(([c, a]) => c === 'attendance_rates' && a.by === 'unit')?.[1]).toEqual({ by: 'unit', from: month.from, to: month.to, unit_id: null, kinds: [] })
    expect(calls.some(([c, a]) => c === 'attendance_rates' && a.by === 'person')).toBe(false)
    expect(calls.some(([c]) => c === 'attendance_absent_groups' || c === 'attendance_by_kind')).toBe(false)

    // 按单位: the tree, top level and its children shown.
    const units = w.get('[data-testid=stats-units]')
    expect(units.findAll('[data-testid=stats-unit-name]').map((e) => e.text())).toEqual(['示范供电公司', '城关供电所', '营业班'])
    expect(units.get('[data-testid=stats-unit-invited]').text()).toBe('40')
    expect(units.get('[data-testid=stats-unit-attended]').text()).toBe('30')
    expect(units.get('[data-testid=stats-unit-rate]').text()).toBe('78.9%（30/38）')

    // 本年 asks again for the year.
    await w.get('[data-testid=stats-pick-year] input').setValue(true)
    await flushPromises()
    const year = periodOf('year', now)
    expect(calls.filter(([c, a]) => c === 'attendance_rates' && a.by === 'unit').slice(-1)[0]?.[1]).toEqual({ by: 'unit', from: year.from, to: year.to, unit_id: null, kinds: [] })

    // 按人员: asked for when opened; 20 a page, the three at 50% marked against the 75% threshold.
    await w.get('#tab-person').trigger('click')
    await flushPromises()
    expect(calls.find(([c, a]) => c === 'attendance_rates' && a.by === 'person')?.[1]).toEqual({ by: 'person', from: year.from, to: year.to, unit_id: null, kinds: [] })
    const people = w.get('[data-testid=stats-people]')
    expect(people.findAll('[data-testid=stats-person-rate]')).toHaveLength(20)
    expect(people.findAll('[data-testid=stats-low]')).toHaveLength(3)
    expect(people.get('[data-testid=stats-low]').text()).toBe('低于 75%')
    expect(w.get('[data-testid=stats-people-summary]').text()).toContain('低于 75% 的 3 人')

    // A click on a person opens their activities in the period.
    await people.get('.el-table__row').trigger('click')
    await flushPromises()
    expect(calls.find(([c]) => c === 'person_attendance')?.[1]).toEqual({ person_id: 1, from: year.from, to: year.to, kinds: [] })
    const drawer = document.querySelector('[data-testid=stats-person-history]')
    expect(drawer?.textContent).toContain('安全生产专题讲座')
    expect(document.querySelector('[data-testid=stats-person-link]')?.getAttribute('href')).toContain('/people/1')

    // 按活动类型: a 次数 and 出勤率 column per kind, the unassigned row last.
    await w.get('#tab-kind').trigger('click')
    await flushPromises()
    expect(calls.find(([c]) => c === 'attendance_by_kind')?.[1]).toEqual({ from: year.from, to: year.to, unit_id: null, kinds: [] })
    const kinds = w.get('[data-testid=stats-kinds-table]')
    expect(kinds.text()).toContain('专题讲座')
    expect(kinds.text()).toContain('职工座谈会')
    expect(kinds.findAll('[data-testid=stats-kind-unit]').map((e) => e.text())).toEqual(['示范供电公司', '城关供电所', '未指定组织单位'])
    expect(kinds.findAll('[data-testid=stats-kind-count]').map((e) => e.text())).toEqual(['3', '2', '1', '0', '0', '1'])
    expect(kinds.findAll('[data-testid=stats-kind-total]').map((e) => e.text())).toEqual(['5', '1', '1'])
    expect(kinds.get('[data-testid=stats-kind-rate]').text()).toBe('85.7%（24/28）')

    // 未出勤名单 grouped, with the runs of absences above it and on each person.
    await w.get('#tab-absent').trigger('click')
    await flushPromises()
    expect(calls.find(([c]) => c === 'attendance_absent_groups')?.[1]).toEqual({ from: year.from, to: year.to, unit_id: null, kinds: [], offset: 0, limit: 20 })
    expect(calls.find(([c]) => c === 'attendance_absence_runs')?.[1]).toEqual({ from: year.from, to: year.to, unit_id: null, kinds: [], min: null })
    const absent = w.get('[data-testid=stats-absent]')
    expect(absent.get('[data-testid=stats-absent-summary]').text()).toBe('缺席 2 次，请假 1 次')
    expect(absent.get('[data-testid=stats-absent-run]').text()).toBe('连续缺席 3 次（至今）')
    expect(absent.text()).toContain('年休假')
    expect(absent.text()).toContain('活动11')
    const runs = w.get('[data-testid=stats-runs]')
    expect(runs.text()).toContain('连续缺席 3 次及以上：2 人')
    expect(runs.text()).toContain('至今仍在连续缺席的 1 人')
    expect(runs.findAll('[data-testid=stats-run]').map((e) => e.text())).toEqual(['人1 连续缺席 3 次（至今）', '人2 连续缺席 4 次（至今 1 次）'])
    expect(w.get('[data-testid=stats-absent-note]').text()).toContain('共 45 人')

    // Page 2 asks the core for the next 20 people; the runs are not asked again for a page.
    const runsAsked = calls.filter(([c]) => c === 'attendance_absence_runs').length
    await w.get('[data-testid=stats-absent] ~ .pager .el-pager li:nth-child(2)').trigger('click')
    await flushPromises()
    expect(calls.filter(([c]) => c === 'attendance_absent_groups').slice(-1)[0]?.[1]).toMatchObject({ offset: 20, limit: 20 })
    expect(w.get('[data-testid=stats-absent]').text()).toContain('人21')
    expect(calls.filter(([c]) => c === 'attendance_absence_runs').length).toBe(runsAsked)

    // Back to 按单位: already loaded for this period, not asked again.
    const before = calls.filter(([c]) => c === 'attendance_rates').length
    await w.get('#tab-unit').trigger('click')
    await flushPromises()
    expect(calls.filter(([c]) => c === 'attendance_rates').length).toBe(before)
    w.unmount()
  })
})

describe('设置：出勤率提醒线', () => {
  it('loads the stored percent, saves it, and shows the core’s refusal', async () => {
    let stored: string | null = '70'
    let refuse = false
    handler = (cmd, args) => {
      if (cmd === 'app_info') return { version: '0.1.0', db_path: '/tmp/qg.db', schema_version: 2 }
      if (cmd === 'setting_get') return args.key === 'attendance_low_rate' ? stored : null
      if (cmd === 'setting_set' && args.key === 'attendance_low_rate') {
        if (refuse) throw { code: 'invalid', message: '出勤率提醒线：应在 1% 到 100% 之间' }
        stored = args.value as string
        return null
      }
      if (cmd === 'structure_brackets_preview') return { brackets: [30], labels: ['30岁及以下', '31岁及以上'] }
      if (cmd === 'structure_config_get') return { brackets: [30], thresholds: { ageing_share_50: 0.4, reserve_per_cadre: 1, retirement_peak_share: 0.2 } }
      return null
    }
    const w = mount(Settings, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    const input = w.get('[data-testid=settings-low-rate] input')
    expect((input.element as HTMLInputElement).value).toBe('70')
    await w.get('[data-testid=settings-low-rate-save]').trigger('click')
    await flushPromises()
    // A click submits the form only when the browser finds the number valid (min and step agree).
    expect(calls.find(([c, a]) => c === 'setting_set' && a.key === 'attendance_low_rate')?.[1]).toEqual({ key: 'attendance_low_rate', value: '70' })
    refuse = true
    await w.get('[data-testid=settings-low-rate-save]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('出勤率提醒线：应在 1% 到 100% 之间')
    w.unmount()
  })
})
