// A 考核 result's automatic figure links to the records behind it (lib/evaluation figureLink):
// each page it links to opens on that unit and period (?unit_id&from&to) and asks the core for
// exactly them. 活动 and 群众诉求 are checked in evaluation.test.ts and voice.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createRouter, createMemoryHistory } from 'vue-router'

let handler: (cmd: string, args: Record<string, unknown>) => unknown = () => null
const calls: [string, Record<string, unknown>][] = []
vi.mock('@tauri-apps/api/core', () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push([cmd, args])
    return handler(cmd, args)
  },
}))

import Attendance from '../views/Attendance.vue'
import Contacts from '../views/voice/Contacts.vue'
import Talks from '../views/voice/Talks.vue'
import { figureLink } from '../lib/evaluation'
import { session } from '../session'

const empty = { total: 0, offset: 0, items: [] }
beforeEach(() => {
  calls.length = 0
  session.value = { token: '', account: 'admin', role: '管理员', idle_minutes: 15 }
  handler = (cmd) => {
    if (cmd === 'talk_list' || cmd === 'visit_list') return empty
    if (cmd === 'attendance_rates') return []
    if (cmd === 'unit_tree') return []
    if (cmd === 'codes') return { activity_kind: [] }
    return null
  }
})
afterEach(() => {
  document.body.innerHTML = ''
})

/** Mounts `view` at the address a figure of unit 2 over the fourth quarter links to. */
async function openLinked(view: unknown, source: Parameters<typeof figureLink>[0]) {
  const link = figureLink(source, 2, '2026-10-01', '2026-12-31')!
  const r = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  await r.push({ path: link.path, query: link.query })
  const w = mount(view as never, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
  await flushPromises()
  await new Promise((res) => setTimeout(res, 0))
  await flushPromises()
  return w
}
const lastArgs = (cmd: string) => calls.filter(([c]) => c === cmd).slice(-1)[0]?.[1]

describe('a 考核 figure opens the records behind it', () => {
  it('活动出勤率 → 出勤统计 by unit, on that unit and period', async () => {
    const w = await openLinked(Attendance, '活动出勤率')
    expect(lastArgs('attendance_rates')).toEqual({ by: 'unit', from: '2026-10-01', to: '2026-12-31', unit_id: 2, kinds: [] })
    w.unmount()
  })

  it('谈心谈话覆盖率 → 谈心谈话 filtered to that unit and period', async () => {
    const w = await openLinked(Talks, '谈心谈话覆盖率')
    expect(lastArgs('talk_list')?.filter).toMatchObject({ unit_id: 2, from: '2026-10-01', to: '2026-12-31' })
    w.unmount()
  })

  it('联系点走访覆盖率 → the visits of that unit and period', async () => {
    const w = await openLinked(Contacts, '联系点走访覆盖率')
    expect(lastArgs('visit_list')?.filter).toEqual({ from: '2026-10-01', to: '2026-12-31', leader_id: null, unit_id: 2 })
    w.unmount()
  })
})
