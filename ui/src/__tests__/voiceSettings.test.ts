// 设置 → 党群沟通 with the IPC stubbed: the stored values are shown, saving sends both settings,
// the core's refusal is shown as it is, and a non-administrator cannot change them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

let handler: (cmd: string, args: Record<string, unknown>) => unknown = () => null
const calls: [string, Record<string, unknown>][] = []
vi.mock('@tauri-apps/api/core', () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push([cmd, args])
    return handler(cmd, args)
  },
}))

import VoiceSettings from '../components/VoiceSettings.vue'
import { session } from '../session'

const stored: Record<string, string | null> = {}
beforeEach(() => {
  calls.length = 0
  session.value = { token: '', account: 'admin', role: '管理员', idle_minutes: 15 }
  stored['voice.report_hours'] = '4'
  stored['voice.holidays'] = '2026-10-01, +2026-10-10'
  handler = (cmd, args) => {
    if (cmd === 'setting_get') return stored[args.key as string] ?? null
    if (cmd === 'setting_set') {
      if (args.key === 'voice.holidays' && String(args.value).includes('十月')) {
        throw { code: 'invalid', message: '节假日：“十月”不是日期，请写成 2026-10-01；调休上班日前加 +，如 +2026-10-10' }
      }
      stored[args.key as string] = args.value as string
      return null
    }
    return null
  }
})
afterEach(() => {
  document.body.innerHTML = ''
})

const q = (testid: string) => document.querySelector(`[data-testid=${testid}]`) as HTMLElement | null
// el-input hands its attributes to the native textarea.
const area = () => q('settings-holidays') as HTMLTextAreaElement

describe('设置 → 党群沟通', () => {
  it('shows the stored values and saves both', async () => {
    mount(VoiceSettings, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect((q('settings-report-hours')!.querySelector('input') as HTMLInputElement).value).toBe('4')
        expect(area().value).toBe('2026-10-01, +2026-10-10')
    area().value = '2026-10-01 2026-10-02'
    area().dispatchEvent(new Event('input'))
    q('settings-voice-save')!.click()
    await flushPromises()
    const sets = calls.filter(([c]) => c === 'setting_set').map(([, a]) => [a.key, a.value])
    expect(sets).toEqual([
      ['voice.report_hours', '4'],
      ['voice.holidays', '2026-10-01 2026-10-02'],
    ])
  })

  it("shows the core's refusal as it is", async () => {
    mount(VoiceSettings, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
        area().value = '十月'
    area().dispatchEvent(new Event('input'))
    q('settings-voice-save')!.click()
    await flushPromises()
    expect(document.body.textContent).toContain('“十月”不是日期')
    expect(stored['voice.holidays']).toBe('2026-10-01, +2026-10-10')
  })

  it('is read-only for a 政工干部', async () => {
    session.value = { token: '', account: 'li', role: '政工干部', idle_minutes: 15 }
    mount(VoiceSettings, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(q('settings-voice-save')).toBeNull()
    expect(area().disabled).toBe(true)
  })
})
