// The person page: masked numbers until 显示, the attendance history, and the link to it from
// 人员档案.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createRouter, createMemoryHistory } from 'vue-router'

let handler: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined
const calls: [string, Record<string, unknown>][] = []
vi.mock('@tauri-apps/api/core', () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push([cmd, args])
    return handler(cmd, args)
  },
}))

import PersonDetail from '../views/PersonDetail.vue'
import StaffPanel from '../components/people/StaffPanel.vue'
import PersonDialog from '../components/people/PersonDialog.vue'

const person = {
  id: 7, uid: 'p', employee_no: '10001', name: '张三', gender: '男', birth_date: '1985-03-12',
  id_number: '1401**********0018', ethnicity: '汉族', political_status: '中共党员', education: '本科',
  professional_title: null, skill_level: null, position: '营业员', unit_id: 2, unit_name: '城关供电所',
  work_start_date: '2005-07-01', hire_date: null, phone: '138****5678', political_cadre: true,
  reserve_talent: false, retirement_category: null, left_date: null, leave_reason: null,
}
const full = { ...person, id_number: '140105198503120018', phone: '13812345678' }
const history = {
  person_id: 7,
  counts: { invited: 3, attended: 1, present: 1, late: 0, leave: 1, absent: 1, not_checked_in: 0, walk_ins: 0, rate: 0.5 },
  rows: [
    { activity_id: 3, title: '形势任务宣讲', kind: '形势任务宣讲', starts_at: '2026-03-25T09:00:00', organizer_name: '党建部', invited: true, status: null, status_label: '缺席', checked_in_at: null, leave_reason: null },
    { activity_id: 1, title: '安全生产专题讲座', kind: '专题讲座', starts_at: '2026-03-10T09:00:00', organizer_name: null, invited: true, status: '请假', status_label: '请假', checked_in_at: null, leave_reason: '年休假' },
  ],
}

beforeEach(() => {
  calls.length = 0
  handler = (cmd, args) => {
    if (cmd === 'person_get') return args.full ? full : person
    if (cmd === 'person_attendance') return history
    if (cmd === 'unit_tree') return []
    if (cmd === 'person_list') return { total: 1, offset: 0, items: [person] }
    return null
  }
})

function makeRouter() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/people', component: StaffPanel, props: { unit: null, canPrintRoster: false } },
      { path: '/people/:id', component: PersonDetail },
      { path: '/activities/:id', component: { template: '<div />' } },
    ],
  })
}

describe('个人页', () => {
  it('masks the numbers until 显示 and shows the history with the rate', async () => {
    const r = makeRouter()
    r.push('/people/7')
    await r.isReady()
    const w = mount({ template: '<router-view />' }, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-testid=person-detail-name]').text()).toBe('张三')
    expect(w.get('[data-testid=person-detail-id-number]').text()).toBe('1401**********0018')
    expect(w.get('[data-testid=person-detail-phone]').text()).toBe('138****5678')
    expect(calls.filter(([c, a]) => c === 'person_get' && a.full)).toHaveLength(0)
    await w.get('[data-testid=person-detail-reveal]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid=person-detail-id-number]').text()).toBe('140105198503120018')
    expect(w.get('[data-testid=person-detail-phone]').text()).toBe('13812345678')

    const year = new Date().getFullYear()
    expect(calls.find(([c]) => c === 'person_attendance')?.[1]).toEqual({ person_id: 7, from: `${year}-01-01`, to: `${year}-12-31`, kinds: [] })
    const table = w.get('[data-testid=person-detail-history]').text()
    expect(table).toContain('形势任务宣讲')
    expect(table).toContain('年休假')
    expect(table.indexOf('形势任务宣讲')).toBeLessThan(table.indexOf('安全生产专题讲座'))
    expect(w.get('[data-testid=person-detail-rate]').text()).toBe('50.0%（1/2）')
    w.unmount()
  })

  it('opens from the name in 人员档案', async () => {
    const r = makeRouter()
    r.push('/people')
    await r.isReady()
    const w = mount({ template: '<router-view />' }, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await flushPromises()
    await w.get('[data-testid=people-table] [data-testid=person-link]').trigger('click')
    await flushPromises()
    expect(r.currentRoute.value.path).toBe('/people/7')
    expect(w.get('[data-testid=person-detail-name]').text()).toBe('张三')
    w.unmount()
  })
})

describe('编辑职工', () => {
  it('shows the numbers masked until 显示 and still saves them in full', async () => {
    handler = (cmd, args) => {
      if (cmd === 'person_get') return args.full ? full : person
      if (cmd === 'person_update') return person
      return null
    }
    const w = mount(PersonDialog, {
      props: { modelValue: true, personId: 7, defaultUnitId: null },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    })
    await flushPromises()
    const input = (id: string) => document.querySelector(`[data-testid=${id}] input`) as HTMLInputElement
    expect(input('person-id-number').value).toBe('1401**********0018')
    expect(input('person-phone').value).toBe('138****5678')
    ;(document.querySelector('[data-testid=person-save]') as HTMLButtonElement).click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
    await flushPromises()
    expect(calls.find(([c]) => c === 'person_update')?.[1].input).toMatchObject({ id_number: '140105198503120018', phone: '13812345678' })
    w.unmount()
  })

  it('shows the full numbers for editing once 显示 is clicked', async () => {
    const w = mount(PersonDialog, {
      props: { modelValue: true, personId: 7, defaultUnitId: null },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    })
    await flushPromises()
    ;(document.querySelector('[data-testid=person-reveal]') as HTMLButtonElement).click()
    await flushPromises()
    const input = (id: string) => document.querySelector(`[data-testid=${id}] input`) as HTMLInputElement
    expect(input('person-id-number').value).toBe('140105198503120018')
    expect(input('person-id-number').disabled).toBe(false)
    expect(input('person-phone').value).toBe('13812345678')
    w.unmount()
  })
})
