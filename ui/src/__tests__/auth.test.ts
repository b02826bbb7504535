// Accounts and roles on screen: the start's state, sign-in and first start, what refused commands
// do to the screen, the lock, and a 查看 account that sees no edit buttons.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
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

import { call } from '../api/transport'
import { authState, can, handleAuthError, idleTimer, initAuth, lockLocally, roleCan, session, signIn, stateAfterError } from '../auth'
import { setupProblem, passwordProblem, passwordKinds, PASSWORD_RULE } from '../lib/password'
import { auditQuery, emptyFilters, fieldLine } from '../lib/audit'
import type { Role, SessionInfo } from '../api'
import LoginPage from '../components/auth/LoginPage.vue'
import SetupPage from '../components/auth/SetupPage.vue'
import LockOverlay from '../components/auth/LockOverlay.vue'
import People from '../views/People.vue'
import ActivityDetail from '../views/ActivityDetail.vue'
import PersonDetail from '../views/PersonDetail.vue'
import Checkin from '../views/Checkin.vue'
import Settings from '../views/Settings.vue'

const ADMIN: SessionInfo = { token: 't-admin', account: 'admin', role: '管理员', idle_minutes: 15 }
const as = (role: Role): SessionInfo => ({ token: 't', account: role === '管理员' ? 'admin' : 'zhangsan', role, idle_minutes: 15 })

beforeEach(() => {
  calls.length = 0
  handler = () => null
})
afterEach(() => {
  idleTimer.stop()
  authState.value = 'signed_in'
  session.value = ADMIN
  document.body.innerHTML = ''
})

/** Element Plus puts the data-testid of an el-input on the <input> itself. */
const input = (testid: string) => {
  const el = document.querySelector(`[data-testid=${testid}]`)
  return (el?.tagName === 'INPUT' ? el : el?.querySelector('input')) as HTMLInputElement
}
function type(testid: string, value: string) {
  const el = input(testid)
  el.value = value
  el.dispatchEvent(new Event('input'))
}
const click = (testid: string) => (document.querySelector(`[data-testid=${testid}]`) as HTMLElement).click()
/** Read through a call: a test that set `session` to null would otherwise narrow it for good. */
const currentRole = (): Role | undefined => session.value?.role
const exists = (testid: string) => document.querySelector(`[data-testid=${testid}]`) !== null

describe('角色', () => {
  it('查看 reads, 政工干部 edits, 管理员 does everything', () => {
    expect([roleCan('查看', 'edit'), roleCan('查看', 'admin')]).toEqual([false, false])
    expect([roleCan('政工干部', 'edit'), roleCan('政工干部', 'admin')]).toEqual([true, false])
    expect([roleCan('管理员', 'edit'), roleCan('管理员', 'admin')]).toEqual([true, true])
    expect(roleCan(null, 'edit')).toBe(false)
    session.value = as('查看')
    expect(can('edit')).toBe(false)
    session.value = null
    expect(can('edit')).toBe(false)
  })
})

describe('密码规则', () => {
  it('at least 8 characters of two kinds; the first-start form checks name and confirmation', () => {
    expect(passwordKinds('abcdefgh')).toBe(1)
    expect(passwordKinds('abcd1234')).toBe(2)
    expect(passwordKinds('密码密码1234')).toBe(2)
    expect(passwordKinds('1234-5678')).toBe(2)
    expect(passwordProblem('')).toBe('请输入密码')
    expect(passwordProblem('ab12')).toContain('太短')
    expect(passwordProblem('abcdefghij')).toContain('太简单')
    expect(passwordProblem('12345678')).toContain('太简单')
    expect(passwordProblem('abcd1234')).toBeNull()
    expect(setupProblem(' ', 'abcd1234', 'abcd1234')).toBe('请输入账号名')
    expect(setupProblem('admin', 'abcd1234', 'abcd1235')).toBe('两次输入的密码不一致')
    expect(setupProblem('admin', 'abcd1234', 'abcd1234')).toBeNull()
  })
})

describe('登录状态', () => {
  it('maps refusals to the screen to show', () => {
    expect(stateAfterError('signed_in', 'auth.locked')).toBe('locked')
    expect(stateAfterError('signed_in', 'auth.signed_out')).toBe('signed_out')
    expect(stateAfterError('locked', 'auth.signed_out')).toBe('signed_out')
    expect(stateAfterError('signed_in', 'auth.setup')).toBe('setup')
    expect(stateAfterError('signed_in', 'auth.forbidden')).toBe('signed_in')
    expect(stateAfterError('signed_in', 'auth.bad_password')).toBe('signed_in')
    expect(stateAfterError('signed_out', 'auth.locked')).toBe('signed_out')
    expect(stateAfterError('setup', 'auth.signed_out')).toBe('setup')
    expect(stateAfterError('damaged', 'auth.setup')).toBe('damaged')
  })

  it('any command answering auth.locked shows the lock; auth.signed_out the sign-in page', async () => {
    handler = (cmd) => {
      if (cmd === 'auth_status') return { state: 'signed_in', session: ADMIN, damage: null }
      if (cmd === 'person_list') throw { code: 'auth.locked', message: '已锁定，请输入密码' }
      if (cmd === 'unit_tree') throw { code: 'auth.signed_out', message: '请先登录' }
      return null
    }
    expect(await initAuth()).toBe('signed_in')
    expect(idleTimer.active).toBe(true)
    await expect(call('person_list', {})).rejects.toMatchObject({ code: 'auth.locked' })
    expect(authState.value).toBe('locked')
    expect(session.value?.account).toBe('admin') // kept: the lock asks for this account's password
    expect(idleTimer.active).toBe(false)
    await expect(call('unit_tree')).rejects.toMatchObject({ code: 'auth.signed_out' })
    expect(authState.value).toBe('signed_out')
    expect(session.value).toBeNull()
    // a refusal that is not about the session changes nothing
    authState.value = 'signed_in'
    handleAuthError({ code: 'auth.forbidden', message: '无权限执行此操作' })
    expect(authState.value).toBe('signed_in')
  })

  it('starts on the first-start, damaged or sign-in state as auth_status says', async () => {
    handler = (cmd) => (cmd === 'auth_status' ? { state: 'setup', session: null, damage: null } : null)
    expect(await initAuth()).toBe('setup')
    expect(session.value).toBeNull()
    handler = (cmd) => (cmd === 'auth_status' ? { state: 'signed_out', session: null, damage: null } : null)
    expect(await initAuth()).toBe('signed_out')
    expect(idleTimer.active).toBe(false)
  })

  it('signs in, and the idle time elapsing locks the screen', async () => {
    vi.useFakeTimers()
    try {
      handler = (cmd) => (cmd === 'auth_sign_in' ? { ...as('政工干部'), idle_minutes: 1 } : null)
      authState.value = 'signed_out'
      await signIn(' zhangsan ', 'abcd1234')
      expect(calls.find(([c]) => c === 'auth_sign_in')?.[1]).toEqual({ name: 'zhangsan', password: 'abcd1234' })
      expect(authState.value).toBe('signed_in')
      vi.advanceTimersByTime(59_000)
      expect(authState.value).toBe('signed_in')
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))
      vi.advanceTimersByTime(59_000)
      expect(authState.value).toBe('signed_in')
      // the keydown came 59 s after the sign-in: it is not yet a minute since the server heard of us
      expect(calls.filter(([c]) => c === 'auth_touch')).toHaveLength(0)
      vi.advanceTimersByTime(1_000)
      expect(authState.value).toBe('locked')
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('登录页', () => {
  it('shows the core’s message for a wrong password and a locked account', async () => {
    authState.value = 'signed_out'
    session.value = null
    handler = (cmd, args) => {
      if (cmd !== 'auth_sign_in') return null
      if (args.name === 'lisi') throw { code: 'auth.account_locked', message: '密码连续输错 5 次，账号已锁定至 10:35' }
      if (args.password !== 'right-1234') throw { code: 'auth.bad_password', message: '账号或密码不正确' }
      return as('查看')
    }
    const w = mount(LoginPage, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    click('login-submit')
    await flushPromises()
    expect(document.querySelector('[data-testid=login-error]')?.textContent).toContain('请输入账号')
    expect(calls).toHaveLength(0)

    type('login-name', 'zhangsan')
    type('login-password', 'wrong')
    await flushPromises()
    input('login-password').dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }))
    await flushPromises()
    expect(document.querySelector('[data-testid=login-error]')?.textContent).toContain('账号或密码不正确')
    expect(input('login-password').value).toBe('')
    expect(authState.value).toBe('signed_out')

    type('login-name', 'lisi')
    type('login-password', 'whatever1')
    await flushPromises()
    click('login-submit')
    await flushPromises()
    expect(document.querySelector('[data-testid=login-error]')?.textContent).toContain('账号已锁定至 10:35')

    type('login-name', 'zhangsan')
    type('login-password', 'right-1234')
    await flushPromises()
    click('login-submit')
    await flushPromises()
    expect(authState.value).toBe('signed_in')
    expect(currentRole()).toBe('查看')
    w.unmount()
  })
})

describe('首次使用', () => {
  it('checks the form before sending, then creates the 管理员 and signs in', async () => {
    authState.value = 'setup'
    session.value = null
    handler = (cmd, args) => (cmd === 'auth_setup' ? { token: 's', account: args.name, role: '管理员', idle_minutes: 15 } : null)
    const w = mount(SetupPage, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    expect(document.querySelector('[data-testid=setup-rule]')?.textContent).toContain(PASSWORD_RULE)
    type('setup-name', 'admin')
    type('setup-password', 'short1')
    type('setup-password2', 'short1')
    await flushPromises()
    click('setup-submit')
    await flushPromises()
    expect(document.querySelector('[data-testid=setup-error]')?.textContent).toContain('密码太短')

    type('setup-password', 'abcd1234')
    type('setup-password2', 'abcd12345')
    await flushPromises()
    input('setup-password2').dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }))
    await flushPromises()
    expect(document.querySelector('[data-testid=setup-error]')?.textContent).toContain('两次输入的密码不一致')
    expect(calls.filter(([c]) => c === 'auth_setup')).toHaveLength(0)

    type('setup-password2', 'abcd1234')
    await flushPromises()
    input('setup-password2').dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }))
    await flushPromises()
    expect(calls.filter(([c]) => c === 'auth_setup').map(([, a]) => a)).toEqual([{ name: 'admin', password: 'abcd1234' }])
    expect(authState.value).toBe('signed_in')
    expect(currentRole()).toBe('管理员')
    w.unmount()
  })

  it('shows the core’s refusal (weak password) as it is', async () => {
    authState.value = 'setup'
    handler = (cmd) => {
      if (cmd === 'auth_setup') throw { code: 'auth.weak_password', message: '密码不能与账号名相同' }
      return null
    }
    const w = mount(SetupPage, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    type('setup-name', 'admin123')
    type('setup-password', 'admin123')
    type('setup-password2', 'admin123')
    await flushPromises()
    click('setup-submit')
    await flushPromises()
    expect(document.querySelector('[data-testid=setup-error]')?.textContent).toContain('密码不能与账号名相同')
    expect(authState.value).toBe('setup')
    w.unmount()
  })
})

describe('锁定', () => {
  it('unlocks with the password; the screen below stays as it was', async () => {
    session.value = ADMIN
    authState.value = 'signed_in'
    lockLocally()
    expect(authState.value).toBe('locked')
    handler = (cmd, args) => {
      if (cmd !== 'auth_unlock') return null
      if (args.password !== 'abcd1234') throw { code: 'auth.bad_password', message: '密码不正确' }
      return ADMIN
    }
    const w = mount(LockOverlay, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(document.querySelector('[data-testid=lock-overlay]')?.textContent).toContain('admin')
    type('lock-password', 'nope')
    await flushPromises()
    click('lock-submit')
    await flushPromises()
    expect(document.querySelector('[data-testid=lock-error]')?.textContent).toContain('密码不正确')
    expect(authState.value).toBe('locked')
    type('lock-password', 'abcd1234')
    await flushPromises()
    click('lock-submit')
    await flushPromises()
    expect(calls.filter(([c]) => c === 'auth_unlock').map(([, a]) => a)).toEqual([{ password: 'nope' }, { password: 'abcd1234' }])
    expect(authState.value).toBe('signed_in')
    expect(idleTimer.active).toBe(true)
    w.unmount()
  })
})

describe('查看账号', () => {
  const unit = { id: 1, uid: '1', name: '示范县供电公司', kind: '公司', parent_id: null, path: '示范县供电公司', depth: 0, staff: 1, staff_total: 1, children: [] }
  const person = {
    id: 7, uid: 'p7', employee_no: '10001', name: '张三', gender: '男', birth_date: '1985-03-12', id_number: '1401**********0018',
    ethnicity: null, political_status: null, education: null, professional_title: null, skill_level: null,
    position: null, unit_id: 1, unit_name: '示范县供电公司', work_start_date: null, hire_date: null, phone: '138****5678',
    political_cadre: false, reserve_talent: false, retirement_category: null, left_date: null, leave_reason: null,
  }
  const activity = {
    id: 5, uid: 'a', series_uid: null, kind: '专题讲座', mode: '线上', title: '安全生产专题讲座',
    starts_at: '2020-12-01T09:00:00', ends_at: '2020-12-01T11:00:00', place: null,
    online_meeting: null, organizer_unit_id: null, organizer_name: null, host: null, description: null,
    late_grace_minutes: 10, status: '已开展', summary: null, invited: 1, attended: 0,
  }
  const counts = { invited: 1, attended: 0, present: 0, late: 0, leave: 0, absent: 1, not_checked_in: 0, walk_ins: 0, rate: 0 }
  const row = { person_id: 7, employee_no: '10001', name: '张三', unit_name: '示范县供电公司', position: null, invited: true, status: null, status_label: '缺席', checked_in_at: null, leave_reason: null }
  const window_ = { opens_at: '2020-12-01T08:00:00', closes_at: '2020-12-02T00:00:00', open_minutes: 60, phase: 'closed', started: true, notice: '签到已结束' }

  beforeEach(() => {
    handler = (cmd, args) => {
      if (cmd === 'unit_tree') return [unit]
      if (cmd === 'person_list') return { total: 1, offset: 0, items: [person] }
      if (cmd === 'person_get') return args.full ? { ...person, id_number: '140105198503120018' } : person
      if (cmd === 'person_attendance') return { person_id: 7, counts, rows: [] }
      if (cmd === 'attendance_sheet') return { activity, counts, window: window_, rows: [row] }
      if (cmd === 'activity_files') return []
      if (cmd === 'codes') return { gender: [], political_status: [], education: [], title_series: [], skill_level: [], retirement_category: [], unit_kind: [], activity_kind: [], activity_mode: [], activity_status: [], attendance_status: [], recurrence: [], ethnicity: [] }
      return null
    }
  })

  async function mountAt(component: unknown, path: string, pattern: string) {
    const r = createRouter({ history: createMemoryHistory(), routes: [{ path: pattern, component: component as never }, { path: '/:rest(.*)*', component: { template: '<div />' } }] })
    r.push(path)
    await r.isReady()
    const w = mount(component as never, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await flushPromises()
    return { w, r }
  }

  const PEOPLE_EDITS = ['person-add', 'people-import', 'person-edit', 'person-leave', 'unit-add', 'unit-rename', 'unit-delete']
  const ACTIVITY_EDITS = ['activity-edit', 'activity-cancel', 'go-checkin', 'meeting-import', 'activity-summary-save', 'invite-unit', 'invite-person', 'uninvite', 'row-backfill', 'records-add-photo', 'records-add-file']

  it('人员档案: lists and exports (masked only), no add / import / edit / leave / unit buttons', async () => {
    session.value = as('查看')
    const { w } = await mountAt(People, '/people', '/people')
    expect(w.get('[data-testid=people-table]').text()).toContain('张三')
    for (const id of PEOPLE_EDITS) expect(exists(id), id).toBe(false)
    expect(exists('export-xlsx')).toBe(true)
    expect(exists('export-full')).toBe(false)
    expect(document.querySelector('[data-testid=people-table] .el-checkbox')).toBeNull() // no selection for 批量
    w.unmount()

    // the same screen for a 政工干部 has them
    session.value = as('政工干部')
    const again = await mountAt(People, '/people', '/people')
    for (const id of PEOPLE_EDITS.filter((x) => x !== 'unit-rename' && x !== 'unit-delete')) expect(exists(id), id).toBe(true)
    again.w.unmount()
  })

  it('活动详情: prints and exports, no edit / cancel / invite / check-in / backfill / records buttons', async () => {
    session.value = as('查看')
    const { w } = await mountAt(ActivityDetail, '/activities/5', '/activities/:id')
    expect(w.get('[data-testid=activity-detail-title]').text()).toBe('安全生产专题讲座')
    for (const id of ACTIVITY_EDITS) expect(exists(id), id).toBe(false)
    expect(exists('print-sign-in-sheet')).toBe(true)
    expect(exists('export-xlsx')).toBe(true)
    expect((document.querySelector('[data-testid=activity-summary] textarea') as HTMLTextAreaElement).readOnly).toBe(true)
    w.unmount()

    session.value = as('政工干部')
    const again = await mountAt(ActivityDetail, '/activities/5', '/activities/:id')
    for (const id of ['activity-edit', 'go-checkin', 'meeting-import', 'invite-unit', 'uninvite', 'records-add-photo']) expect(exists(id), id).toBe(true)
    again.w.unmount()
  })

  it('签到 and 个人页: no check-in, kiosk, edit or full-number buttons; 操作记录 only for 管理员', async () => {
    session.value = as('查看')
    const c = await mountAt(Checkin, '/checkin/5', '/checkin/:id')
    expect(exists('checkin-table')).toBe(true)
    expect(exists('kiosk-open')).toBe(false)
    expect(document.querySelector('[data-testid=checkin-table]')?.textContent).not.toContain('操作')
    c.w.unmount()

    const p = await mountAt(PersonDetail, '/people/7', '/people/:id')
    expect(p.w.get('[data-testid=person-detail-name]').text()).toBe('张三')
    expect(exists('person-detail-edit')).toBe(false)
    expect(exists('person-detail-reveal')).toBe(false)
    expect(exists('person-detail-audit')).toBe(false)
    p.w.unmount()

    session.value = ADMIN
    const a = await mountAt(PersonDetail, '/people/7', '/people/:id')
    expect(exists('person-detail-edit')).toBe(true)
    click('person-detail-audit')
    await flushPromises()
    expect(a.r.currentRoute.value.fullPath).toBe('/audit?table=person&record_id=7')
    a.w.unmount()
  })

  it('设置: read only below 管理员 (no save buttons, no backups, no idle time)', async () => {
    session.value = as('政工干部')
    handler = (cmd) => (cmd === 'app_info' ? { version: '0.1.0', db_path: '/tmp/qg.db', schema_version: 9 } : null)
    const w = mount(Settings, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    for (const id of ['settings-pdf-font-pick', 'settings-checkin-save', 'settings-low-rate-save', 'settings-structure-save', 'settings-backup', 'settings-idle-save'])
      expect(exists(id), id).toBe(false)
    expect(calls.some(([c]) => c === 'backup_list')).toBe(false)
    w.unmount()
  })
})

describe('审计查询', () => {
  it('leaves blank filters out, and a record id needs its table', () => {
    expect(auditQuery(emptyFilters(), 0, 50)).toEqual({ offset: 0, limit: 50 })
    expect(auditQuery({ actor: ' admin ', action: 'person.update', dates: ['2026-01-01', '2026-01-31'], table: 'person', recordId: 7 }, 50, 50)).toEqual({
      actor: 'admin', action: 'person.update', from: '2026-01-01', to: '2026-01-31', table: 'person', record_id: 7, offset: 50, limit: 50,
    })
    expect(auditQuery({ ...emptyFilters(), recordId: 7 }, 0, 50)).toEqual({ offset: 0, limit: 50 })
    expect(fieldLine('修改', { field: 'name', label: '姓名', old: '张三', new: '张叁' })).toBe('姓名：张三 → 张叁')
    expect(fieldLine('修改', { field: 'phone', label: '手机', old: null, new: '138****5678' })).toBe('手机：（空） → 138****5678')
    expect(fieldLine('新增', { field: 'name', label: '姓名', old: null, new: '李四' })).toBe('姓名：李四')
  })
})
