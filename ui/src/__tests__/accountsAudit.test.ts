// 账号, 审计, 数据备份 and the damaged start, with the IPC stubbed.
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

import Accounts from '../views/Accounts.vue'
import Audit from '../views/Audit.vue'
import BackupSection from '../components/BackupSection.vue'
import DamagedPage from '../components/auth/DamagedPage.vue'
import { damage, session } from '../session'
import { backupSummary, formatSize, keptCopyName } from '../lib/backup'
import type { Account, BackupInfo } from '../api'

const ADMIN = { token: '', account: 'admin', role: '管理员' as const, idle_minutes: 15 }
beforeEach(() => {
  calls.length = 0
  session.value = ADMIN
})
afterEach(() => {
  document.body.innerHTML = ''
})

const q = (testid: string) => document.querySelector(`[data-testid=${testid}]`) as HTMLElement | null
const all = (testid: string) => Array.from(document.querySelectorAll(`[data-testid=${testid}]`)) as HTMLElement[]
function type(testid: string, value: string) {
  const el = q(testid)!
  const input = (el.tagName === 'INPUT' ? el : el.querySelector('input')) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
}

const acct = (id: number, name: string, role: Account['role'], extra: Partial<Account> = {}): Account => ({
  id, name, role, disabled: false, locked_until: null, last_sign_in: null, created_at: '2026-01-05T09:00:00', person_id: null, person_name: null, ...extra,
})

describe('账号', () => {
  it('lists accounts with their state; one cannot disable or demote oneself; adds one', async () => {
    let list = [
      acct(1, 'admin', '管理员', { last_sign_in: '2026-05-01T08:30:00' }),
      acct(2, 'zhangsan', '政工干部', { locked_until: '2999-01-01T10:35:00' }),
      acct(3, 'lisi', '查看', { disabled: true }),
    ]
    handler = (cmd, args) => {
      if (cmd === 'account_list') return list
      if (cmd === 'account_add') {
        if ((args.name as string) === 'admin') throw { code: 'account.exists', message: '已有账号“admin”' }
        const a = acct(4, args.name as string, args.role as Account['role'])
        list = [...list, a]
        return a
      }
      if (cmd === 'account_set_disabled') return { ...list.find((a) => a.id === args.id)!, disabled: args.disabled }
      return null
    }
    const w = mount(Accounts, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(all('account-row-name').map((e) => e.textContent)).toEqual(['admin', 'zhangsan', 'lisi'])
    expect(all('account-status').map((e) => e.textContent?.trim())).toEqual(['正常', '锁定至 2999-01-01 10:35', '停用'])
    const toggles = all('account-toggle-disabled') as HTMLButtonElement[]
    expect(toggles[0].disabled).toBe(true) // oneself
    expect(toggles[2].textContent?.trim()).toBe('启用')
    expect(document.querySelectorAll('[data-testid=account-role-select] .is-disabled').length).toBeGreaterThan(0)

    // 启用 needs no confirmation
    toggles[2].click()
    await flushPromises()
    expect(calls.find(([c]) => c === 'account_set_disabled')?.[1]).toEqual({ id: 3, disabled: false })
    expect(all('account-status')[2].textContent?.trim()).toBe('正常')

    q('account-add')!.click()
    await flushPromises()
    type('account-add-name', 'wangwu')
    type('account-add-password', 'abcd1234')
    type('account-add-password2', 'abcd')
    await flushPromises()
    q('account-add-save')!.click()
    await flushPromises()
    expect(q('form-error')?.textContent).toContain('两次输入的密码不一致')
    type('account-add-password2', 'abcd1234')
    await flushPromises()
    q('account-add-save')!.click()
    await flushPromises()
    expect(calls.find(([c]) => c === 'account_add')?.[1]).toEqual({ name: 'wangwu', role: '政工干部', password: 'abcd1234' })
    expect(all('account-row-name').map((e) => e.textContent)).toContain('wangwu')
    w.unmount()
  })

  it('links an account to the person it stands for, and unlinks it', async () => {
    let list = [acct(1, 'admin', '管理员'), acct(2, 'zhangsan', '政工干部', { person_id: 7, person_name: '张三' })]
    handler = (cmd, args) => {
      if (cmd === 'account_list') return list
      if (cmd === 'account_set_person') {
        const a = { ...list.find((x) => x.id === args.id)!, person_id: args.person_id as number | null, person_name: args.person_id ? '张三' : null }
        list = list.map((x) => (x.id === a.id ? a : x))
        return a
      }
      return null
    }
    mount(Accounts, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    const links = all('account-person')
    expect(links.map((e) => e.textContent?.trim())).toEqual(['关联职工…', '职工：张三'])
    links[1].click()
    await flushPromises()
    // 取消关联, then 保存: the account no longer stands for anyone.
    const unlink = Array.from(document.querySelectorAll('[data-testid=account-person-dialog] button')).find((b) => b.textContent?.trim() === '取消关联') as HTMLElement
    unlink.click()
    q('account-person-save')!.click()
    await flushPromises()
    expect(calls.find(([c]) => c === 'account_set_person')?.[1]).toEqual({ id: 2, person_id: null })
    expect(all('account-person').map((e) => e.textContent?.trim())).toEqual(['关联职工…', '关联职工…'])
  })

  it('is refused on screen to anyone but a 管理员, without calling', async () => {
    session.value = { ...ADMIN, account: 'zhangsan', role: '政工干部' }
    const w = mount(Accounts, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(q('accounts-forbidden')).not.toBeNull()
    expect(calls).toHaveLength(0)
    w.unmount()
  })
})

describe('审计', () => {
  const row = {
    id: 9, at: '2026-05-01T10:00:00', actor: 'zhangsan', action: 'person.edit', action_label: '修改职工', detail: '张三（工号 10001）',
    changes: [{ table: 'person', table_label: '职工', record_id: 7, op: '修改', fields: [{ field: 'position', label: '岗位', old: '班员', new: '班长' }] }],
  }
  it('opens on the record from the address, shows the changed fields, pages and exports with the filters', async () => {
    handler = (cmd) => {
      if (cmd === 'audit_list') return { total: 120, rows: [row] }
      if (cmd === 'audit_actions') return [{ code: 'person.edit', label: '修改职工' }]
      if (cmd === 'account_list') return [acct(1, 'admin', '管理员')]
      if (cmd === 'export_xlsx') return { path: '/tmp/审计.xlsx', rows: 120, sheets: ['审计记录'] }
      return null
    }
    const r = createRouter({ history: createMemoryHistory(), routes: [{ path: '/audit', component: Audit, props: { table: 'person', recordId: 7 } }] })
    r.push('/audit')
    await r.isReady()
    const w = mount(Audit, { props: { table: 'person', recordId: 7 }, global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await flushPromises()
    expect(calls.filter(([c]) => c === 'audit_list').map(([, a]) => a)).toEqual([{ query: { table: 'person', record_id: 7, offset: 0, limit: 50 } }])
    expect(q('audit-table-rows')?.textContent).toContain('修改职工')
    expect(q('audit-table-rows')?.textContent).toContain('张三（工号 10001）')
    ;(document.querySelector('[data-testid=audit-table-rows] .el-table__expand-icon') as HTMLElement).click()
    await flushPromises()
    expect(all('audit-field').map((e) => e.textContent)).toEqual(['岗位：班员 → 班长'])
    expect(q('audit-changes')?.textContent).toContain('职工 #7 修改')

    ;(document.querySelector('.el-pager li:nth-child(2)') as HTMLElement).click()
    await flushPromises()
    expect(calls.filter(([c]) => c === 'audit_list').slice(-1)[0][1]).toEqual({ query: { table: 'person', record_id: 7, offset: 50, limit: 50 } })

    q('audit-export')!.click()
    await flushPromises()
    expect(calls.find(([c]) => c === 'export_xlsx')?.[1]).toEqual({ job: { kind: 'audit', query: { table: 'person', record_id: 7, offset: 0, limit: 120 } } })
    expect(document.body.textContent).toContain('已导出 /tmp/审计.xlsx')

    q('audit-reset')!.click()
    await flushPromises()
    expect(calls.filter(([c]) => c === 'audit_list').slice(-1)[0][1]).toEqual({ query: { offset: 0, limit: 50 } })
    w.unmount()
  })
})

const backup = (file: string, extra: Partial<BackupInfo> = {}): BackupInfo => ({
  file, path: `/data/备份/${file}`, at: '2026-05-01T08:00:00', kind: '每日', size_bytes: 1_572_864, schema_version: 9,
  people: 120, activities: 35, attendance: 860, ok: true, reason: null, ...extra,
})

describe('数据备份', () => {
  it('describes a backup', () => {
    expect(formatSize(1_572_864)).toBe('1.5 MB')
    expect(formatSize(2048)).toBe('2.0 KB')
    expect(backupSummary(backup('a.db'))).toEqual([
      '备份时间：2026-05-01 08:00（每日）',
      '数据库版本：9',
      '内容：职工 120 人，活动 35 次，考勤记录 860 条',
      '文件：a.db（1.5 MB）',
    ])
    expect(keptCopyName(backup('before.db'))).toBe('before.db')
    expect(keptCopyName({ from: backup('a.db'), before: backup('b.db') })).toBe('b.db')
    expect(keptCopyName(null)).toBeNull()
  })

  it('backs up now, and restores after a confirmation showing date, version and counts', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    const reload = vi.fn()
    const location = window.location
    Object.defineProperty(window, 'location', { configurable: true, value: { ...location, reload } })
    try {
      let list = [backup('群工台-2026-05-01-每日.db'), backup('bad.db', { ok: false, reason: '文件不完整' })]
      handler = (cmd) => {
        if (cmd === 'backup_list') return list
        if (cmd === 'setting_get') return null
        if (cmd === 'backup_now') {
          const b = backup('群工台-2026-05-02-手动.db', { kind: '手动', at: '2026-05-02T09:00:00' })
          list = [b, ...list]
          return b
        }
        if (cmd === 'backup_restore') return backup('群工台-2026-05-02-恢复前.db', { kind: '恢复前' })
        return null
      }
      const w = mount(BackupSection, { global: { plugins: [ElementPlus] }, attachTo: document.body })
      await flushPromises()
      expect(all('backup-ok').map((e) => e.textContent?.trim())).toEqual(['完好', '未通过'])
      q('backup-now')!.click()
      await flushPromises()
      expect(calls.filter(([c]) => c === 'backup_list')).toHaveLength(2)
      expect(q('backup-table')?.textContent).toContain('手动')

      const restores = all('backup-restore') as HTMLButtonElement[]
      expect(restores[2].disabled).toBe(true) // not ok: not offered
      restores[1].click()
      await flushPromises()
      expect(q('backup-restore-summary')?.textContent).toContain('备份时间：2026-05-01 08:00（每日）')
      expect(q('backup-restore-summary')?.textContent).toContain('数据库版本：9')
      expect(q('backup-restore-summary')?.textContent).toContain('职工 120 人')
      expect(calls.some(([c]) => c === 'backup_restore')).toBe(false)
      q('backup-restore-confirm')!.click()
      await flushPromises()
      expect(calls.find(([c]) => c === 'backup_restore')?.[1]).toEqual({ file: '群工台-2026-05-01-每日.db' })
      expect(document.body.textContent).toContain('恢复前的数据已另存为 群工台-2026-05-02-恢复前.db')
      vi.advanceTimersByTime(2000)
      expect(reload).toHaveBeenCalled()
      w.unmount()
    } finally {
      Object.defineProperty(window, 'location', { configurable: true, value: location })
      vi.useRealTimers()
    }
  })
})

describe('数据文件损坏', () => {
  it('offers the newest good backup and restores it with a 管理员 of that backup', async () => {
    const reload = vi.fn()
    const location = window.location
    Object.defineProperty(window, 'location', { configurable: true, value: { ...location, reload } })
    try {
      session.value = null
      damage.value = { message: '数据文件已损坏（完整性检查未通过）', backup: backup('群工台-2026-05-01-每日.db') }
      handler = (cmd, args) => {
        if (cmd === 'backup_restore_damaged' && args.password !== 'abcd1234') throw { code: 'auth.bad_password', message: '账号或密码不正确' }
        return null
      }
      const w = mount(DamagedPage, { global: { plugins: [ElementPlus] }, attachTo: document.body })
      expect(q('damaged-message')?.textContent).toContain('完整性检查未通过')
      expect(q('damaged-backup')?.textContent).toContain('职工 120 人，活动 35 次，考勤记录 860 条')
      type('damaged-name', 'admin')
      type('damaged-password', 'wrong')
      await flushPromises()
      q('damaged-restore')!.click()
      await flushPromises()
      expect(q('damaged-error')?.textContent).toContain('账号或密码不正确')
      expect(reload).not.toHaveBeenCalled()
      type('damaged-password', 'abcd1234')
      await flushPromises()
      q('damaged-restore')!.click()
      await flushPromises()
      expect(calls.filter(([c]) => c === 'backup_restore_damaged').slice(-1)[0][1]).toEqual({ file: '群工台-2026-05-01-每日.db', name: 'admin', password: 'abcd1234' })
      expect(reload).toHaveBeenCalled()
      w.unmount()

      damage.value = { message: '数据文件已损坏', backup: null }
      const none = mount(DamagedPage, { global: { plugins: [ElementPlus] }, attachTo: document.body })
      expect(q('damaged-no-backup')).not.toBeNull()
      expect(q('damaged-restore')).toBeNull()
      none.unmount()
    } finally {
      Object.defineProperty(window, 'location', { configurable: true, value: location })
      damage.value = null
    }
  })
})
