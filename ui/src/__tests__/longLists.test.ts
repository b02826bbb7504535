// Long lists shown 50 at a time (队伍结构's retirees and the people behind a bar, the 签到 list),
// and the 工作台's figures asked for at start-up; the IPC stubbed.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'

let handler: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined
const calls: [string, Record<string, unknown>][] = []
vi.mock('@tauri-apps/api/core', () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push([cmd, args])
    return handler(cmd, args)
  },
}))

import Structure from '../views/Structure.vue'
import CheckinList from '../views/CheckinList.vue'
import Dashboard from '../views/Dashboard.vue'
import { dashboardData, opensOnDashboard, prefetchDashboard } from '../prefetch'
import { addDays, toDateStr } from '../lib/format'
import type { Activity, Analysis, MemberRow, Retiree } from '../api'

beforeEach(() => {
  calls.length = 0
})

/** The rows a table shows, by one cell's text. */
function cells(w: VueWrapper, testid: string, column: number): string[] {
  return w
    .get(`[data-testid=${testid}]`)
    .findAll('.el-table__body tr.el-table__row')
    .map((tr) => tr.findAll('td')[column]!.text())
}

async function next(w: VueWrapper, pager: string) {
  await w.get(`[data-testid=${pager}] .btn-next`).trigger('click')
  await flushPromises()
}

const retiree = (i: number): Retiree => ({
  person_id: i, employee_no: String(10000 + i), name: `职工${i}`, unit_name: '城关供电所',
  age: { years: 60, months: 0 }, date: '2027-03-20',
})

const analysis = (retiring: Retiree[]): Analysis => ({
  structure: {
    as_of: '2026-06-30', population: 'all', headcount: retiring.length, average_age: 58, median_age: 58,
    share_35_and_under: 0, share_50_and_over: 1, cadres: 0, reserves: 0, reserve_per_cadre: null,
    pyramid: [{ label: '30岁及以下', male: 0, female: 0 }, { label: '31岁及以上', male: retiring.length, female: 0 }],
    education: [], professional_title: [], skill_level: [], political_status: [],
  },
  config: { brackets: [30], thresholds: { ageing_share_50: 0.4, reserve_per_cadre: 1, retirement_peak_share: 0.2 } },
  warnings: [],
  retiring,
  retiring_within: { within_1: 0, within_3: 0, within_5: retiring.length },
  retiring_by_unit: [],
  retirement_category_missing: 0,
  overdue: [],
  trend: [],
  outlook: '',
})

const member = (i: number): MemberRow => ({
  person_id: i, employee_no: String(10000 + i), name: `职工${i}`, unit_name: '城关供电所', gender: '男',
  age: 59, retirement_age: '60岁', retirement_date: '2027-03-20',
})

describe('队伍结构: long lists in pages of 50', () => {
  it('pages the retirees, and the people behind the retiring card', async () => {
    const retiring = Array.from({ length: 120 }, (_, i) => retiree(i + 1))
    handler = (cmd) => {
      if (cmd === 'structure') return analysis(retiring)
      if (cmd === 'unit_tree') return []
      if (cmd === 'structure_members') return Array.from({ length: 73 }, (_, i) => member(i + 1))
      return null
    }
    const w = mount(Structure, { global: { plugins: [ElementPlus], stubs: { Chart: true } }, attachTo: document.body })
    await flushPromises()
    // 120 people: 50 rows drawn, the pager says how many in all.
    let names = cells(w, 'structure-retirees', 0)
    expect(names).toHaveLength(50)
    expect(names[0]).toBe('职工1')
    expect(names[49]).toBe('职工50')
    expect(w.get('[data-testid=structure-retirees-pager]').text()).toContain('120')
    await next(w, 'structure-retirees-pager')
    names = cells(w, 'structure-retirees', 0)
    expect(names[0]).toBe('职工51')
    await next(w, 'structure-retirees-pager')
    names = cells(w, 'structure-retirees', 0)
    expect(names).toEqual(Array.from({ length: 20 }, (_, i) => `职工${101 + i}`))

    // The dialog: the count is of everyone, the table shows 50 at a time, from page 1 each time.
    await w.get('[data-testid=structure-retiring]').trigger('click')
    await flushPromises()
    expect(document.querySelector('[data-testid=structure-people-count]')!.textContent).toContain('共 73 人')
    const dialogRows = () =>
      Array.from(document.querySelectorAll('[data-testid=structure-people-table] .el-table__body tr.el-table__row')).map(
        (tr) => tr.querySelectorAll('td')[1]!.textContent!.trim(),
      )
    expect(dialogRows()).toHaveLength(50)
    expect(dialogRows()[0]).toBe('职工1')
    ;(document.querySelector('[data-testid=structure-people-pager] .btn-next') as HTMLElement).click()
    await flushPromises()
    expect(dialogRows()).toEqual(Array.from({ length: 23 }, (_, i) => `职工${51 + i}`))
    await w.get('[data-testid=structure-retiring]').trigger('click')
    await flushPromises()
    expect(dialogRows()[0]).toBe('职工1')
    w.unmount()
  })

  it('shows no pager for 50 or fewer', async () => {
    handler = (cmd) => {
      if (cmd === 'structure') return analysis(Array.from({ length: 50 }, (_, i) => retiree(i + 1)))
      if (cmd === 'unit_tree') return []
      return null
    }
    const w = mount(Structure, { global: { plugins: [ElementPlus], stubs: { Chart: true } }, attachTo: document.body })
    await flushPromises()
    expect(cells(w, 'structure-retirees', 0)).toHaveLength(50)
    expect(w.find('[data-testid=structure-retirees-pager]').exists()).toBe(false)
    w.unmount()
  })
})

const today = toDateStr(new Date())
const act = (id: number, day: string, title: string, place: string | null = '会议室'): Activity => ({
  id, uid: `u${id}`, series_uid: null, kind: '专题讲座', mode: '线下', title,
  starts_at: `${day}T09:00:00`, ends_at: `${day}T10:00:00`, place,
  online_meeting: null, organizer_unit_id: null, organizer_name: null, host: null, description: null,
  late_grace_minutes: 10, status: '计划', summary: null, invited: 3, attended: 0,
} as Activity)

describe('签到: the activities in pages of 50', () => {
  it('today first, 50 a page, and the search narrows the whole list', async () => {
    // 130 activities over the coming days, one of them today and one far down the list.
    const items = Array.from({ length: 130 }, (_, i) =>
      act(i + 1, addDays(today, 1 + Math.floor(i / 5)), `班组学习${String(i + 1).padStart(3, '0')}`),
    )
    items.push(act(500, today, '今天的安全讲座', '三楼会议室'))
    items.push(act(501, addDays(today, 29), '年终表彰大会', '职工之家'))
    handler = (cmd) => (cmd === 'activity_list' ? { items, total: items.length } : null)
    const r = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: CheckinList }] })
    const w = mount(CheckinList, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await flushPromises()
    let titles = cells(w, 'checkin-activities', 1)
    expect(titles).toHaveLength(50)
    expect(titles[0]).toBe('今天的安全讲座')
    expect(w.get('[data-testid=checkin-list-pager]').text()).toContain('132')
    await next(w, 'checkin-list-pager')
    await next(w, 'checkin-list-pager')
    titles = cells(w, 'checkin-activities', 1)
    expect(titles).toHaveLength(32)
    expect(titles[titles.length - 1]).toBe('年终表彰大会')

    // Searching goes back to page 1 and looks through everything, not just the page shown.
    await w.get('input[data-testid=checkin-list-search]').setValue('表彰')
    await flushPromises()
    expect(cells(w, 'checkin-activities', 1)).toEqual(['年终表彰大会'])
    expect(w.find('[data-testid=checkin-list-pager]').exists()).toBe(false)
    await w.get('input[data-testid=checkin-list-search]').setValue('三楼')
    await flushPromises()
    expect(cells(w, 'checkin-activities', 1)).toEqual(['今天的安全讲座'])
    await w.get('input[data-testid=checkin-list-search]').setValue('没有这个')
    await flushPromises()
    expect(w.get('[data-testid=checkin-activities]').text()).toContain('没有符合的活动')
    w.unmount()
  })
})

const dashboard = (staff_count: number) => ({
  today: '2026-11-24', upcoming: [], latest: [], month_activities: 0,
  month: { invited: 0, attended: 0, present: 0, late: 0, leave: 0, absent: 0, not_checked_in: 0, walk_ins: 0, rate: null },
  structure: analysis([]).structure, warnings: [], overdue: [], retirement_category_missing: 0,
  unit_count: 2, staff_count,
})

describe('工作台: the figures asked for at start-up', () => {
  it('knows the addresses that open on the 工作台', () => {
    expect(opensOnDashboard('')).toBe(true)
    expect(opensOnDashboard('#/')).toBe(true)
    expect(opensOnDashboard('#/?x=1')).toBe(true)
    expect(opensOnDashboard('#/people')).toBe(false)
    expect(opensOnDashboard('#/checkin/5')).toBe(false)
  })

  it('the first mount takes the early answer; later ones ask again', async () => {
    let asked = 0
    handler = (cmd) => {
      if (cmd === 'dashboard') return dashboard(++asked)
      if (cmd === 'attendance_current_runs') return []
      return null
    }
    prefetchDashboard()
    expect(calls.filter(([c]) => c === 'dashboard')).toHaveLength(1)
    const w = mount(Dashboard, { global: { plugins: [ElementPlus], stubs: { RouterLink: true } }, attachTo: document.body })
    await flushPromises()
    // Not asked a second time for the first mount.
    expect(calls.filter(([c]) => c === 'dashboard')).toHaveLength(1)
    w.unmount()
    const again = mount(Dashboard, { global: { plugins: [ElementPlus], stubs: { RouterLink: true } }, attachTo: document.body })
    await flushPromises()
    expect(calls.filter(([c]) => c === 'dashboard')).toHaveLength(2)
    again.unmount()
  })

  it('a failed early answer is shown like any other, and the next load asks again', async () => {
    handler = (cmd) => {
      if (cmd === 'dashboard') throw { code: 'internal', message: '读取工作台失败' }
      return null
    }
    prefetchDashboard()
    await expect(dashboardData()).rejects.toMatchObject({ message: '读取工作台失败' })
    handler = (cmd) => (cmd === 'dashboard' ? dashboard(4) : null)
    await expect(dashboardData()).resolves.toMatchObject({ staff_count: 4 })
    expect(calls.filter(([c]) => c === 'dashboard')).toHaveLength(2)
  })

  it('an early answer left too long is not shown', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      handler = (cmd) => (cmd === 'dashboard' ? dashboard(1) : null)
      prefetchDashboard()
      vi.setSystemTime(Date.now() + 60_000)
      handler = (cmd) => (cmd === 'dashboard' ? dashboard(2) : null)
      await expect(dashboardData()).resolves.toMatchObject({ staff_count: 2 })
    } finally {
      vi.useRealTimers()
    }
  })
})
