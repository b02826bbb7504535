// The shell and the start's state: nothing until auth_status answers, then the first-start form,
// the sign-in page or the app; the lock covers the app without unmounting it.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElDialog } from 'element-plus'
import { createRouter, createMemoryHistory } from 'vue-router'
import { defineComponent, h, ref } from 'vue'

let handler: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined
const calls: [string, Record<string, unknown>][] = []
vi.mock('@tauri-apps/api/core', () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push([cmd, args])
    return handler(cmd, args)
  },
}))

import App from '../App.vue'
import { authState, idleTimer, initAuth, lockLocally, session } from '../auth'

// A screen with a form whose input must survive the lock.
const Draft = defineComponent({
  setup() {
    const text = ref('')
    return () => h('input', { 'data-testid': 'draft', value: text.value, onInput: (e: Event) => (text.value = (e.target as HTMLInputElement).value) })
  },
})
// A screen with a dialog open (Element Plus keeps the focus inside the topmost dialog).
const WithDialog = defineComponent({
  setup() {
    const open = ref(true)
    return () =>
      h(ElDialog, { modelValue: open.value, title: '编辑' }, () => h('input', { 'data-testid': 'dialog-input' }))
  },
})

function makeRouter() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Draft, meta: { title: '工作台' } },
      { path: '/accounts', component: { template: '<div data-testid="accounts-page" />' } },
      { path: '/dialog', component: WithDialog },
    ],
  })
}

async function mountApp(path = '/') {
  const r = makeRouter()
  r.push(path)
  await r.isReady()
  return mount(App, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
}

afterEach(() => {
  idleTimer.stop()
  authState.value = 'signed_in'
  session.value = { token: '', account: 'admin', role: '管理员', idle_minutes: 15 }
  document.body.innerHTML = ''
})

const q = (testid: string) => document.querySelector(`[data-testid=${testid}]`) as HTMLElement | null

describe('启动', () => {
  it('shows nothing until the state is known, then the page for it', async () => {
    authState.value = null
    session.value = null
    const w = await mountApp()
    expect(q('nav-dashboard')).toBeNull()
    expect(q('login-page')).toBeNull()

    handler = (cmd) => (cmd === 'auth_status' ? { state: 'setup', session: null, damage: null } : null)
    await initAuth()
    await flushPromises()
    expect(q('setup-page')).not.toBeNull()

    handler = (cmd) => (cmd === 'auth_status' ? { state: 'signed_out', session: null, damage: null } : null)
    await initAuth()
    await flushPromises()
    expect(q('login-page')).not.toBeNull()
    expect(q('nav-dashboard')).toBeNull()

    handler = (cmd) =>
      cmd === 'auth_status' ? { state: 'signed_in', session: { token: '', account: 'zhangsan', role: '查看', idle_minutes: 15 }, damage: null } : null
    await initAuth()
    await flushPromises()
    expect(q('nav-dashboard')).not.toBeNull()
    expect(q('account-name')?.textContent).toBe('zhangsan')
    expect(q('account-role')?.textContent).toBe('查看')
    expect(q('nav-accounts')).toBeNull()
    expect(q('nav-audit')).toBeNull()
    w.unmount()
  })

  it('a 管理员 has 账号 and 审计 in the menu', async () => {
    const w = await mountApp()
    expect(q('nav-accounts')).not.toBeNull()
    expect(q('nav-audit')).not.toBeNull()
    expect(q('account-role')?.textContent).toBe('管理员')
    w.unmount()
  })

  it('a command answering auth.locked covers the screen; the draft below is kept; unlocking uncovers it', async () => {
    handler = (cmd) => {
      if (cmd === 'unit_tree') throw { code: 'auth.locked', message: '已锁定' }
      if (cmd === 'auth_unlock') return { token: '', account: 'admin', role: '管理员', idle_minutes: 15 }
      return null
    }
    const w = await mountApp()
    const draft = q('draft') as HTMLInputElement
    draft.value = '未保存的小结'
    draft.dispatchEvent(new Event('input'))
    const { call } = await import('../api/transport')
    await call('unit_tree').catch(() => undefined)
    await flushPromises()
    expect(q('lock-overlay')).not.toBeNull()
    expect((q('draft') as HTMLInputElement).value).toBe('未保存的小结')
    expect(q('draft')).toBe(draft) // the same element: the screen was not mounted again

    const pw = (q('lock-password')!.tagName === 'INPUT' ? q('lock-password') : q('lock-password')!.querySelector('input')) as HTMLInputElement
    pw.value = 'abcd1234'
    pw.dispatchEvent(new Event('input'))
    await flushPromises()
    q('lock-submit')!.click()
    await flushPromises()
    expect(q('lock-overlay')).toBeNull()
    expect(q('draft')).toBe(draft)
    expect(draft.value).toBe('未保存的小结')
    w.unmount()
  })

  it('the lock takes the focus from a dialog open below', async () => {
    const w = await mountApp('/dialog')
    await flushPromises()
    const inDialog = q('dialog-input') as HTMLInputElement
    inDialog.focus()
    expect(document.activeElement).toBe(inDialog)
    lockLocally()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 120))
    await flushPromises()
    const pw = q('lock-password')!
    const input = (pw.tagName === 'INPUT' ? pw : pw.querySelector('input')) as HTMLInputElement
    expect(document.activeElement).toBe(input)
    expect(q('dialog-input')).toBe(inDialog)
    w.unmount()
  })

  it('退出登录 from the account menu shows the sign-in page', async () => {
    handler = () => null
    const w = await mountApp()
    q('account-sign-out')?.click()
    // the dropdown's items render lazily: open it first when needed
    if (!calls.some(([c]) => c === 'auth_sign_out')) {
      ;(document.querySelector('[data-testid=account-menu] .el-dropdown-link, .account') as HTMLElement).click()
      await flushPromises()
      q('account-sign-out')!.click()
    }
    await flushPromises()
    expect(calls.some(([c]) => c === 'auth_sign_out')).toBe(true)
    expect(authState.value).toBe('signed_out')
    expect(q('login-page')).not.toBeNull()
    w.unmount()
  })
})
