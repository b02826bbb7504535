// People past their legal retirement date (the 数据提醒 card on 工作台 and 队伍结构, with
// 办理退休), and the 工作台 of an empty database (no "all is well", a guided start instead).
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
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

import Dashboard from '../views/Dashboard.vue'
import Structure from '../views/Structure.vue'
import People from '../views/People.vue'
import { dashboardNoWarningText, dueBy, retireConfirmText } from '../lib/structure'
import type { Analysis, Dashboard as Overview, Overdue, Structure as Shape } from '../api'

beforeEach(() => {
  calls.length = 0
  document.body.innerHTML = ''
})

const zhang: Overdue = {
  person_id: 1, employee_no: '10001', name: '张建国', unit_name: '城关供电所', gender: '男',
  age: { years: 60, months: 0 }, date: '2024-12-10',
}
const li: Overdue = {
  person_id: 2, employee_no: '10002', name: '李卫东', unit_name: '营业班', gender: '男',
  age: { years: 60, months: 5 }, date: '2026-11-30',
}

const structure = (headcount: number, cadres: number): Shape => ({
  as_of: '2026-11-30', population: 'all', headcount, average_age: headcount ? 45 : null, median_age: null,
  share_35_and_under: null, share_50_and_over: null, cadres, reserves: 0, reserve_per_cadre: null,
  pyramid: [], education: [], professional_title: [], skill_level: [], political_status: [],
})

const overview = (o: Partial<Overview>): Overview => ({
  today: '2026-11-30', upcoming: [], latest: [], month_activities: 0,
  month: { invited: 0, attended: 0, present: 0, late: 0, leave: 0, absent: 0, not_checked_in: 0, walk_ins: 0, rate: null },
  structure: structure(12, 2), warnings: [], overdue: [], retirement_category_missing: 0, unit_count: 3, staff_count: 12,
  concerns_open: 0, concerns_overdue: 0, overdue_concerns: [], unreported_opinions: [], unvisited_points: [], eval_waiting: [],
  ...o,
})

function router() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Dashboard },
      { path: '/people', component: { template: '<div />' } },
      { path: '/structure', component: { template: '<div />' } },
      { path: '/activities', component: { template: '<div />' } },
    ],
  })
}

async function mountDashboard() {
  const r = router()
  r.push('/')
  await r.isReady()
  const w = mount(Dashboard, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
  await flushPromises()
  return { w, r }
}

/** The open confirmation's text, after which its confirm button is clicked. */
async function confirmBox(): Promise<string> {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  // The latest box: an earlier one may still be fading out.
  const box = Array.from(document.querySelectorAll('.el-message-box')).pop() as HTMLElement
  expect(box).toBeTruthy()
  const text = box.textContent ?? ''
  ;(box.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement).click()
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
  return text
}

describe('退休 helpers', () => {
  it('never says "all is well" about nobody, names one person, counts several', () => {
    expect(dashboardNoWarningText(structure(0, 0))).toBe('暂无在职人员数据，尚不能分析队伍结构。')
    expect(dashboardNoWarningText(structure(5, 0))).toContain('尚未标记政工干部')
    expect(dashboardNoWarningText(structure(5, 1))).toBe('全公司的全体职工和政工干部均未触发预警。')
    expect(retireConfirmText([zhang])).toBe(
      '确定为 张建国（工号 10001）办理退休吗？离职日期记为其法定退休日期 2024年12月10日，离职原因为“退休”。',
    )
    expect(retireConfirmText([zhang, li])).toContain('这 2 人')
    expect(dueBy([zhang, li, { ...li, date: '2027-01-01' }], '2026-11-30')).toEqual([zhang, li])
  })
})

describe('工作台：已过法定退休日期仍在职', () => {
  it('lists them with 办理退休 per row and reloads after it', async () => {
    let overdue = [zhang, li]
    handler = (cmd, args) => {
      if (cmd === 'dashboard') return overview({ overdue })
      if (cmd === 'person_retire') {
        const ids = args.person_ids as number[]
        const done = overdue.filter((p) => ids.includes(p.person_id))
        overdue = overdue.filter((p) => !ids.includes(p.person_id))
        return done
      }
      return null
    }
    const { w } = await mountDashboard()
    const card = w.get('[data-testid=overdue-card]')
    expect(card.text()).toContain('2 人已过法定退休日期仍在职')
    expect(card.text()).toContain('张建国')
    expect(card.text()).toContain('2024年12月10日')
    expect(card.text()).toContain('营业班')

    await w.findAll('[data-testid=overdue-retire]')[0]!.trigger('click')
    expect(await confirmBox()).toContain('张建国（工号 10001）')
    expect(calls.filter(([c]) => c === 'person_retire').map(([, a]) => a)).toEqual([{ person_ids: [1] }])
    expect(calls.filter(([c]) => c === 'dashboard').length).toBe(2)
    expect(w.get('[data-testid=overdue-card]').text()).not.toContain('张建国')
    expect(w.get('[data-testid=overdue-card]').text()).toContain('1 人已过法定退休日期仍在职')
    w.unmount()
  })

  it('retires everyone listed at once after a confirmation naming how many', async () => {
    handler = (cmd, args) => {
      if (cmd === 'dashboard') return overview({ overdue: calls.some(([c]) => c === 'person_retire') ? [] : [zhang, li] })
      if (cmd === 'person_retire') return [zhang, li].filter((p) => (args.person_ids as number[]).includes(p.person_id))
      return null
    }
    const { w } = await mountDashboard()
    expect(w.get('[data-testid=overdue-retire-all]').text()).toBe('全部办理（2 人）')
    await w.get('[data-testid=overdue-retire-all]').trigger('click')
    expect(await confirmBox()).toContain('确定为这 2 人办理退休吗')
    expect(calls.find(([c]) => c === 'person_retire')![1]).toEqual({ person_ids: [1, 2] })
    expect(w.find('[data-testid=overdue-card]').exists()).toBe(false)
    w.unmount()
  })

  it('writes nothing when the confirmation is cancelled, and shows the core refusal', async () => {
    handler = (cmd) => {
      if (cmd === 'dashboard') return overview({ overdue: [li] })
      if (cmd === 'person_retire') {
        throw { code: 'person.not_yet_retirement_date', message: '李卫东（工号 10002）的法定退休日期是 2026年11月30日，尚未到达，不能办理退休' }
      }
      return null
    }
    const { w } = await mountDashboard()
    await w.get('[data-testid=overdue-retire]').trigger('click')
    await flushPromises()
    ;(document.querySelector('.el-message-box__btns .el-button:not(.el-button--primary)') as HTMLElement).click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
    expect(calls.some(([c]) => c === 'person_retire')).toBe(false)

    await w.get('[data-testid=overdue-retire]').trigger('click')
    await confirmBox()
    expect(calls.some(([c]) => c === 'person_retire')).toBe(true)
    expect(document.body.textContent).toContain('尚未到达，不能办理退休')
    w.unmount()
  })
})

describe('工作台：空数据库', () => {
  it('says there is no data yet and shows how to begin, never that all is well', async () => {
    let company: { id: number; name: string } | null = null
    handler = (cmd, args) => {
      if (cmd === 'dashboard') {
        return overview({ structure: structure(0, 0), unit_count: company ? 1 : 0, staff_count: 0 })
      }
      if (cmd === 'unit_tree') return company ? [{ ...company, kind: '公司', children: [], staff_count: 0, staff_total: 0 }] : []
      if (cmd === 'unit_add') {
        company = { id: 1, name: String(args?.name) }
        return { ...company, kind: '公司', parent_id: null }
      }
      return null
    }
    const { w, r } = await mountDashboard()
    const start = w.get('[data-testid=dashboard-start]')
    expect(start.text()).toContain('还没有单位和职工数据')
    expect(start.text()).toContain('建立本公司')
    expect(start.text()).toContain('导入现有的花名册')
    expect(w.get('[data-testid=start-person]').attributes('disabled')).toBeDefined()
    expect(w.get('[data-testid=start-import]').attributes('disabled')).toBeDefined()
    const warnings = w.get('[data-testid=dashboard-warnings]').text()
    expect(warnings).toContain('暂无在职人员数据')
    expect(warnings).not.toContain('均未触发预警')
    expect(w.find('[data-testid=overdue-card]').exists()).toBe(false)

    // Step 1 in place: the company is created from the 工作台 with its name.
    await w.get('[data-testid=start-company-create]').trigger('click')
    await flushPromises()
    expect(calls.some(([c]) => c === 'unit_add')).toBe(false)
    await w.get('[data-testid=start-company-name] input').setValue('国网示范县供电公司')
    await w.get('[data-testid=start-company-create]').trigger('click')
    await flushPromises()
    const add = calls.find(([c]) => c === 'unit_add')
    expect(add?.[1]).toEqual({ name: '国网示范县供电公司', kind: '公司', parent_id: null })
    expect(w.get('[data-testid=start-company]').text()).toContain('已建立 国网示范县供电公司')
    expect(w.get('[data-testid=start-import]').attributes('disabled')).toBeUndefined()

    await w.get('[data-testid=start-unit]').trigger('click')
    await flushPromises()
    expect(r.currentRoute.value.fullPath).toBe('/people?start=unit')
    w.unmount()
  })

  it('with units but nobody in post, offers the import and new-person steps', async () => {
    handler = (cmd) => {
      if (cmd === 'dashboard') return overview({ structure: structure(0, 0), unit_count: 1, staff_count: 0 })
      return null
    }
    const { w, r } = await mountDashboard()
    const start = w.get('[data-testid=dashboard-start]')
    expect(start.text()).toContain('还没有在职职工数据')
    expect(w.find('[data-testid=start-company-name]').exists()).toBe(false)
    await w.get('[data-testid=start-import]').trigger('click')
    await flushPromises()
    expect(r.currentRoute.value.fullPath).toBe('/people?start=import')
    w.unmount()
  })

  it('shows no guided start once there are units and people', async () => {
    handler = (cmd) => (cmd === 'dashboard' ? overview({}) : null)
    const { w } = await mountDashboard()
    expect(w.find('[data-testid=dashboard-start]').exists()).toBe(false)
    expect(w.get('[data-testid=dashboard-warnings]').text()).toContain('均未触发预警')
    // Nobody in a run of absences: no reminder.
    expect(w.find('[data-testid=dashboard-runs]').exists()).toBe(false)
    w.unmount()
  })

  it('reminds of people absent from their latest activities in a row, and opens the list', async () => {
    handler = (cmd) => {
      if (cmd === 'dashboard') return overview({})
      if (cmd === 'attendance_current_runs') {
        return [
          { person_id: 1, employee_no: '10001', name: '张三', unit_name: '城关供电所', longest: 4, current: 4 },
          { person_id: 2, employee_no: null, name: '李四', unit_name: '营业班', longest: 3, current: 3 },
        ]
      }
      return null
    }
    const { w, r } = await mountDashboard()
    const runs = w.get('[data-testid=dashboard-runs]')
    expect(w.get('[data-testid=dashboard-runs-count]').text()).toBe('2 人')
    expect(runs.text()).toContain('张三（4 次）')
    expect(runs.text()).toContain('李四（3 次）')
    await w.get('[data-testid=dashboard-runs-open]').trigger('click')
    await flushPromises()
    expect(r.currentRoute.value.fullPath).toBe('/attendance?tab=absent&pick=year')
    w.unmount()
  })
})

describe('人员档案：从工作台打开对话框', () => {
  it('opens 新增单位 when asked by the guided start', async () => {
    handler = (cmd) => {
      if (cmd === 'unit_tree') return []
      if (cmd === 'person_list') return { total: 0, offset: 0, items: [] }
      return null
    }
    const w = mount(People, { props: { start: 'unit' }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(document.querySelector('[data-testid=unit-name] input')).toBeTruthy()
    // Nobody yet: the list says so and where to begin.
    expect(w.get('[data-testid=people-table]').text()).toContain('暂无在职职工，可点击右上方的“导入”')
    w.unmount()
  })
})

describe('队伍结构：数据提醒和空数据', () => {
  const analysis = (o: Partial<Analysis>): Analysis => ({
    structure: structure(8, 1),
    config: { brackets: [30], thresholds: { ageing_share_50: 0.4, reserve_per_cadre: 1, retirement_peak_share: 0.2 } },
    warnings: [], retiring: [], retiring_within: { within_1: 0, within_3: 0, within_5: 0 }, retiring_by_unit: [],
    retirement_category_missing: 0, overdue: [], trend: [], outlook: '',
    ...o,
  })

  it('lists people past the date today with 办理退休, and reloads the analysis after it', async () => {
    let retired = false
    const later: Overdue = { ...li, person_id: 3, employee_no: '10003', name: '王秀英', date: '2999-01-01' }
    handler = (cmd) => {
      if (cmd === 'structure') return analysis({ overdue: retired ? [] : [zhang, later] })
      if (cmd === 'unit_tree') return []
      if (cmd === 'person_retire') {
        retired = true
        return [zhang]
      }
      return null
    }
    const w = mount(Structure, { global: { plugins: [ElementPlus], stubs: { Chart: true } }, attachTo: document.body })
    await flushPromises()
    const card = w.get('[data-testid=overdue-card]')
    expect(card.text()).toContain('1 人已过法定退休日期仍在职')
    expect(card.text()).toContain('张建国')
    // A date still ahead (a statistics date in the future) cannot be retired today.
    expect(card.text()).not.toContain('王秀英')
    expect(w.get('[data-testid=structure-warnings]').text()).toContain('未触发预警')
    await w.get('[data-testid=overdue-retire-all]').trigger('click')
    expect(await confirmBox()).toContain('张建国（工号 10001）')
    expect(calls.find(([c]) => c === 'person_retire')![1]).toEqual({ person_ids: [1] })
    expect(calls.filter(([c]) => c === 'structure').length).toBe(2)
    expect(w.find('[data-testid=overdue-card]').exists()).toBe(false)
    w.unmount()
  })

  it('says there is no data rather than "no warning" when nobody is in post', async () => {
    handler = (cmd) => {
      if (cmd === 'structure') return analysis({ structure: structure(0, 0) })
      if (cmd === 'unit_tree') return []
      return null
    }
    const w = mount(Structure, { global: { plugins: [ElementPlus], stubs: { Chart: true } }, attachTo: document.body })
    await flushPromises()
    const text = w.get('[data-testid=structure-warnings]').text()
    expect(text).toContain('暂无数据')
    expect(text).not.toContain('未触发预警')
    w.unmount()
  })
})
