// Smoke tests of two screens with the IPC stubbed: the test hooks are where the end-to-end
// tests expect them, and the answers flow through.
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

import Kiosk from '../views/Kiosk.vue'
import PersonDialog from '../components/people/PersonDialog.vue'
import ActivityDetail from '../views/ActivityDetail.vue'
import People from '../views/People.vue'
import Settings from '../views/Settings.vue'
import Activities from '../views/Activities.vue'
import { toDateStr } from '../lib/format'

const activity = {
  id: 5, uid: 'a', series_uid: null, kind: '专题讲座', mode: '线下', title: '安全生产专题讲座',
  starts_at: '2026-12-01T09:00:00', ends_at: '2026-12-01T11:00:00', place: '三楼会议室',
  online_meeting: null, organizer_unit_id: null, organizer_name: null, host: null, description: null,
  late_grace_minutes: 10, status: '计划', summary: null, invited: 2, attended: 0,
}
const counts = (attended: number) => ({
  invited: 2, attended, present: attended, late: 0, leave: 0, absent: 0, not_checked_in: 2 - attended, walk_ins: 0,
  rate: attended / 2,
})

beforeEach(() => {
  calls.length = 0
})

function router() {
  const r = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/kiosk/:id', component: Kiosk },
      { path: '/checkin/:id', component: { template: '<div />' } },
    ],
  })
  return r
}

describe('签到台', () => {
  it('checks in by 工号 + Enter and offers walk-in for outsiders', async () => {
    let attended = 0
    handler = (cmd, args) => {
      if (cmd === 'attendance_sheet') return { activity, counts: counts(attended), rows: [] }
      if (cmd === 'kiosk_check_in') {
        if (args.key === '10001') {
          attended = 1
          return { result: 'recorded', person_id: 1, employee_no: '10001', name: '张三', status: '出席', at: '2026-12-01T08:58:00', walk_in: false }
        }
        if (!args.walk_in) throw { code: 'attendance.not_invited', message: '李四（工号 10002）不是本次活动的应到人员' }
        return { result: 'recorded', person_id: 2, employee_no: '10002', name: '李四', status: '出席', at: '2026-12-01T08:59:00', walk_in: true }
      }
      return null
    }
    const r = router()
    r.push('/kiosk/5')
    await r.isReady()
    const w = mount(Kiosk, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await flushPromises()
    expect(calls.some(([c, a]) => c === 'set_fullscreen' && a.fullscreen === true)).toBe(true)
    expect(w.get('[data-testid=kiosk-title]').text()).toBe('安全生产专题讲座')

    const input = w.get('[data-testid=kiosk-input] input')
    await input.setValue('10001')
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(w.get('[data-testid=kiosk-result]').text()).toContain('张三 签到成功')
    expect(w.get('[data-testid=kiosk-attended]').text()).toBe('1')
    expect((input.element as HTMLInputElement).value).toBe('')

    await input.setValue('李四')
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(w.get('[data-testid=kiosk-result]').text()).toContain('非本次活动人员')
    expect(w.get('[data-testid=kiosk-result]').text()).toContain('李四（工号 10002）')
    await w.get('[data-testid=kiosk-walk-in]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid=kiosk-result]').text()).toContain('李四 签到成功（非名单人员）')
    expect(calls.filter(([c]) => c === 'kiosk_check_in').map(([, a]) => a)).toEqual([
      { activity_id: 5, key: '10001', walk_in: false },
      { activity_id: 5, key: '李四', walk_in: false },
      { activity_id: 5, key: '李四', walk_in: true },
    ])

    await w.get('[data-testid=kiosk-exit]').trigger('click')
    await flushPromises()
    expect(calls.some(([c, a]) => c === 'set_fullscreen' && a.fullscreen === false)).toBe(true)
    expect(r.currentRoute.value.path).toBe('/checkin/5')
    w.unmount()
  })
})

describe('职工表单', () => {
  it('shows the core message in the dialog', async () => {
    handler = (cmd) => {
      if (cmd === 'codes') return { gender: ['男', '女'], political_status: [], education: [], professional_title: [], skill_level: [], retirement_category: [], unit_kind: [], activity_kind: [], activity_mode: [], activity_status: [], attendance_status: [], recurrence: [], ethnicity: [] }
      if (cmd === 'person_add') throw { code: 'person.invalid', message: '身份证号：校验位错误（按 GB 11643 应为 8）' }
      return null
    }
    const w = mount(PersonDialog, {
      props: { modelValue: true, personId: null, defaultUnitId: 3 },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    })
    await flushPromises()
    const body = document.body
    const q = (id: string) => body.querySelector(`[data-testid=${id}] input`) as HTMLInputElement
    for (const [id, v] of [['person-employee-no', '10001'], ['person-name', '张三'], ['person-id-number', '140105198503120011']]) {
      q(id).value = v
      q(id).dispatchEvent(new Event('input'))
    }
    await flushPromises()
    ;(body.querySelector('[data-testid=person-save]') as HTMLButtonElement).click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
    await flushPromises()
    const sent = calls.find(([c]) => c === 'person_add')
    expect(sent?.[1].input).toMatchObject({ employee_no: '10001', name: '张三', id_number: '140105198503120011', unit_id: 3, phone: null })
    expect(body.querySelector('[data-testid=form-error]')?.textContent).toContain('身份证号：校验位错误（按 GB 11643 应为 8）')
    w.unmount()
  })
})

describe('活动详情：按单位邀请', () => {
  it('invites the checked units, named as plain text in the tree', async () => {
    const unit = (id: number, name: string, children: unknown[] = []) => ({
      id, uid: String(id), name, kind: '部门', parent_id: null, path: name, depth: 0, staff: 3, children,
    })
    let invited = 0
    handler = (cmd) => {
      if (cmd === 'attendance_sheet') return { activity, counts: { ...counts(0), invited }, rows: [] }
      if (cmd === 'unit_tree') return [unit(1, '示范县供电公司', [unit(2, '城关供电所', [unit(4, '营业班')]), unit(3, '营销部')])]
      if (cmd === 'invite') {
        invited = 3
        return 3
      }
      return null
    }
    const r = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/activities/:id', component: ActivityDetail }],
    })
    r.push('/activities/5')
    await r.isReady()
    const w = mount(ActivityDetail, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-testid=activity-detail-title]').text()).toBe('安全生产专题讲座')
    expect(w.get('[data-testid=count-invited]').text()).toBe('0')

    await w.get('[data-testid=invite-unit]').trigger('click')
    await flushPromises()
    const nodes = Array.from(document.querySelectorAll('[data-testid=invite-unit-node]'))
    expect(nodes.map((n) => n.textContent)).toEqual(['示范县供电公司', '城关供电所', '营业班', '营销部'])
    const row = nodes.find((n) => n.textContent === '城关供电所')!.closest('.el-tree-node__content')!
    ;(row.querySelector('.el-checkbox input') as HTMLInputElement).click()
    await flushPromises()
    ;(document.querySelector('[data-testid=invite-unit-confirm]') as HTMLButtonElement).click()
    await flushPromises()
    // 城关供电所 with its 营业班 checked too: sent once, as the unit that includes it
    expect(calls.find(([c]) => c === 'invite')?.[1]).toEqual({ activity_id: 5, unit_ids: [2], filter: null, person_ids: [] })
    expect(w.get('[data-testid=count-invited]').text()).toBe('3')
    w.unmount()
  })
})

describe('人员档案', () => {
  const unit = (id: number, name: string, children: unknown[] = []) => ({
    id, uid: String(id), name, kind: '供电所', parent_id: null, path: name, depth: 0, staff: 1, children,
  })
  const person = {
    id: 7, uid: 'p7', employee_no: '10001', name: '张三', gender: '男', birth_date: '1985-03-12', id_number: null,
    ethnicity: null, political_status: null, education: null, professional_title: null, skill_level: null,
    position: null, unit_id: 2, unit_name: '城关供电所', work_start_date: null, hire_date: null, phone: null,
    political_cadre: false, reserve_talent: false, retirement_category: null, left_date: null, leave_reason: null,
  }

  it('adds a unit on Enter under the selected one and shows the core message when refused', async () => {
    handler = (cmd, args) => {
      if (cmd === 'unit_tree') return [unit(1, '示范县供电公司', [unit(2, '城关供电所')])]
      if (cmd === 'person_list') return { total: 1, offset: 0, items: [person] }
      if (cmd === 'unit_add') throw { code: 'unit.exists', message: `已有同名单位“${args.name}”` }
      return null
    }
    const w = mount(People, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-testid=people-table]').text()).toContain('张三')
    const node = Array.from(document.querySelectorAll('[data-testid=unit-node]')).find((n) => n.textContent?.includes('城关供电所'))!
    ;(node as HTMLElement).click()
    await flushPromises()
    expect(calls.filter(([c]) => c === 'person_list').slice(-1)[0]?.[1].filter).toMatchObject({ unit_id: 2 })

    await w.get('[data-testid=unit-add]').trigger('click')
    await flushPromises()
    const input = document.querySelector('[data-testid=unit-name] input') as HTMLInputElement
    input.value = '营业班'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    input.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }))
    await flushPromises()
    expect(calls.filter(([c]) => c === 'unit_add').map(([, a]) => a)).toEqual([{ name: '营业班', kind: null, parent_id: 2 }])
    expect(document.querySelector('[data-testid=form-error]')?.textContent).toContain('已有同名单位“营业班”')
    w.unmount()
  })

  it('records a leave with today as the default date and reloads the list', async () => {
    handler = (cmd) => {
      if (cmd === 'unit_tree') return [unit(1, '示范县供电公司')]
      if (cmd === 'person_list') return { total: 1, offset: 0, items: [person] }
      if (cmd === 'person_leave') return { ...person, left_date: toDateStr(new Date()) }
      return null
    }
    const w = mount(People, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    await w.get('[data-testid=person-leave]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('张三（工号 10001）')
    const lists = calls.filter(([c]) => c === 'person_list').length
    click('[data-testid=leave-save]')
    await flushPromises()
    expect(calls.find(([c]) => c === 'person_leave')?.[1]).toEqual({ id: 7, date: toDateStr(new Date()), reason: null })
    expect(calls.filter(([c]) => c === 'person_list').length).toBe(lists + 1)
    w.unmount()
  })
})

const printed = { path: '/home/zs/文档/签到表.pdf', pages: 2, missing_glyphs: '', opened: true }
const click = (sel: string) => (document.querySelector(sel) as HTMLElement).click()

describe('打印', () => {
  it('prints the sign-in sheet of an activity in 姓氏笔画 order', async () => {
    handler = (cmd) => {
      if (cmd === 'attendance_sheet') return { activity, counts: counts(0), rows: [] }
      if (cmd === 'print_document') return printed
      return null
    }
    const r = createRouter({ history: createMemoryHistory(), routes: [{ path: '/activities/:id', component: ActivityDetail }] })
    r.push('/activities/5')
    await r.isReady()
    const w = mount(ActivityDetail, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await flushPromises()
    await w.get('[data-testid=print-sign-in-sheet]').trigger('click')
    await flushPromises()
    expect(calls.find(([c]) => c === 'print_document')?.[1]).toEqual({
      job: { kind: 'sign_in_sheet', activity_id: 5 },
      choices: { order: 'stroke', show_id_number: false, show_phone: false, unmask: false },
    })
    expect(document.body.textContent).toContain('已保存 /home/zs/文档/签到表.pdf（2 页）')
    w.unmount()
  })

  it('prints the roster of the top unit with full ID numbers when asked', async () => {
    const top = { id: 1, uid: '1', name: '示范县供电公司', kind: '公司', parent_id: null, path: '示范县供电公司', depth: 0, staff: 3, children: [] }
    handler = (cmd) => {
      if (cmd === 'unit_tree') return [top]
      if (cmd === 'person_list') return { total: 0, offset: 0, items: [] }
      if (cmd === 'print_document') return { ...printed, opened: false }
      return null
    }
    const w = mount(People, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    await w.get('[data-testid=print-roster]').trigger('click')
    await flushPromises()
    expect(document.querySelector('[data-testid=print-roster-unit]')?.textContent).toBe('示范县供电公司')
    const unmask = document.querySelector('[data-testid=print-roster-unmask] input') as HTMLInputElement
    expect(unmask.disabled).toBe(true)
    click('[data-testid=print-roster-id-number] input')
    await flushPromises()
    expect(unmask.disabled).toBe(false)
    unmask.click()
    await flushPromises()
    click('[data-testid=print-roster-confirm]')
    await flushPromises()
    expect(calls.find(([c]) => c === 'print_document')?.[1]).toEqual({
      job: { kind: 'roster', unit_id: 1 },
      choices: { order: 'stroke', show_id_number: true, show_phone: false, unmask: true },
    })
    expect(document.body.textContent).toContain('已保存，但未能自动打开，请到 /home/zs/文档/签到表.pdf 查看')
    w.unmount()
  })

  it('prints the activity ledger of the top unit for this year so far', async () => {
    const top = { id: 1, uid: '1', name: '示范县供电公司', kind: '公司', parent_id: null, path: '示范县供电公司', depth: 0, staff: 3, children: [] }
    handler = (cmd) => {
      if (cmd === 'unit_tree') return [top]
      if (cmd === 'activity_list') return { total: 0, offset: 0, items: [] }
      if (cmd === 'print_document') return null // save dialog cancelled
      return null
    }
    const r = createRouter({ history: createMemoryHistory(), routes: [{ path: '/activities', component: Activities }] })
    r.push('/activities')
    await r.isReady()
    const w = mount(Activities, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await flushPromises()
    await w.get('[data-testid=print-ledger]').trigger('click')
    await flushPromises()
    const saved = () => document.body.textContent!.split('已保存').length
    const before = saved()
    click('[data-testid=print-ledger-confirm]')
    await flushPromises()
    const today = new Date()
    expect(calls.find(([c]) => c === 'print_document')?.[1]).toEqual({
      job: { kind: 'ledger', unit_id: 1, from: `${today.getFullYear()}-01-01`, to: toDateStr(today) },
      choices: { order: 'stroke', show_id_number: false, show_phone: false, unmask: false },
    })
    // cancelled in the save dialog: nothing is reported
    expect(saved()).toBe(before)
    w.unmount()
  })

  it('sets and resets the print font', async () => {
    let font: string | null = null
    handler = (cmd, args) => {
      if (cmd === 'app_info') return { version: '0.1.0', db_path: '/tmp/qg.db', schema_version: 2 }
      if (cmd === 'setting_get') return font
      if (cmd === 'pick_font_file') return '/usr/share/fonts/simsun.ttc'
      if (cmd === 'setting_set') {
        font = (args.value as string) || null
        return null
      }
      return null
    }
    const w = mount(Settings, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-testid=settings-pdf-font]').text()).toContain('未设置：自动使用系统中文字体')
    await w.get('[data-testid=settings-pdf-font-pick]').trigger('click')
    await flushPromises()
    expect(calls.find(([c]) => c === 'setting_set')?.[1]).toEqual({ key: 'pdf_font', value: '/usr/share/fonts/simsun.ttc' })
    expect(w.get('[data-testid=settings-pdf-font]').text()).toBe('/usr/share/fonts/simsun.ttc')
    await w.get('[data-testid=settings-pdf-font-reset]').trigger('click')
    await flushPromises()
    expect(calls.filter(([c]) => c === 'setting_set').slice(-1)[0]?.[1]).toEqual({ key: 'pdf_font', value: '' })
    expect(w.get('[data-testid=settings-pdf-font]').text()).toContain('未设置')
    w.unmount()
  })
})
