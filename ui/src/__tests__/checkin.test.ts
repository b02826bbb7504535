// Check-in only when it makes sense: the 签到 page's one set of buttons, the kiosk's word on the
// window, 补录, and the 设置 field, with the IPC stubbed.
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

import Checkin from '../views/Checkin.vue'
import Kiosk from '../views/Kiosk.vue'
import ActivityDetail from '../views/ActivityDetail.vue'
import Settings from '../views/Settings.vue'
import { backfillMessage, legend, rowActions } from '../lib/checkin'
import { IDLE, Kiosk as KioskLogic, answerForError, idleAnswer } from '../lib/kiosk'
import type { AttendanceStatus, CheckInWindow, SheetRow } from '../api'

const NOT_OPEN = '本活动于 12月8日 09:00 开始，现在不能签到（12月8日 08:00 起可以签到）'
const CLOSED = '本活动于 12月8日 09:00 开始，签到已于12月8日当天结束时截止，现在不能签到；按纸质签到表登记请用“补录”'

const win = (phase: CheckInWindow['phase'], over: Partial<CheckInWindow> = {}): CheckInWindow => ({
  opens_at: '2026-12-08T08:00:00',
  closes_at: '2026-12-09T00:00:00',
  open_minutes: 60,
  phase,
  started: phase === 'closed',
  notice: phase === 'before' ? NOT_OPEN : phase === 'closed' ? CLOSED : null,
  ...over,
})

const activity = {
  id: 5, uid: 'a', series_uid: null, kind: '专题讲座', mode: '线下', title: '安全生产专题讲座',
  starts_at: '2026-12-08T09:00:00', ends_at: '2026-12-08T11:00:00', place: '三楼会议室',
  online_meeting: null, organizer_unit_id: null, organizer_name: null, host: null, description: null,
  late_grace_minutes: 10, status: '计划', summary: null, invited: 2, attended: 0,
}
const counts = { invited: 2, attended: 0, present: 0, late: 0, leave: 0, absent: 0, not_checked_in: 2, walk_ins: 0, rate: null }
const row = (person_id: number, name: string, status: AttendanceStatus | null = null): SheetRow => ({
  person_id, employee_no: String(10000 + person_id), name, unit_name: '城关供电所', position: null, invited: true,
  status, status_label: status ?? '未签到', checked_in_at: null, leave_reason: null,
})

beforeEach(() => {
  calls.length = 0
})

describe('one set of status buttons', () => {
  const labels = (r: { status: AttendanceStatus | null; invited: boolean }, w: CheckInWindow) => rowActions(r, w, 10).map((a) => a.label)

  it('offers 签到 (not also 出席) while the window is open, with what it does', () => {
    const acts = rowActions({ status: null, invited: true }, win('open', { started: true }), 10)
    expect(acts.map((a) => a.label)).toEqual(['签到', '请假…', '缺席', '撤销'])
    expect(acts[0].hint).toBe('按现在的时间签到：开始后 10 分钟内记为出席，之后记为迟到')
    expect(acts.find((a) => a.key === 'clear')?.disabled).toBe(true)
    expect(acts.every((a) => a.hint.length > 0)).toBe(true)
  })

  it('before the window: 签到 disabled with the core’s words, 缺席 not before the start', () => {
    const acts = rowActions({ status: null, invited: true }, win('before'), 10)
    const checkin = acts.find((a) => a.key === 'checkin')!
    expect(checkin.disabled).toBe(true)
    expect(checkin.hint).toBe(NOT_OPEN)
    const absent = acts.find((a) => a.key === 'absent')!
    expect(absent.disabled).toBe(true)
    expect(absent.hint).toBe('活动开始后才能记为缺席')
    expect(acts.find((a) => a.key === 'leave')?.disabled).toBe(false)
  })

  it('after the day: 补录 instead of 签到', () => {
    expect(labels({ status: null, invited: true }, win('closed'))).toEqual(['补录…', '请假…', '缺席', '撤销'])
    expect(labels({ status: '缺席', invited: true }, win('closed'))[0]).toBe('补录…')
  })

  it('a checked-in row can be corrected between 出席 and 迟到', () => {
    expect(labels({ status: '迟到', invited: true }, win('open'))).toEqual(['改为出席', '请假…', '缺席', '撤销'])
    const acts = rowActions({ status: '出席', invited: false }, win('closed'), 10)
    expect(acts.map((a) => a.label)).toEqual(['改为迟到', '撤销'])
    expect(acts[0].hint).toBe('更正为迟到，签到时间不变')
  })

  it('the legend says every word once', () => {
    const text = legend(10, 60).join('\n')
    for (const w of ['签到：', '补录：', '请假：', '缺席：', '未签到：']) expect(text).toContain(w)
    expect(text).toContain('开始前 60 分钟起')
  })

  it('says what a 补录 did', () => {
    expect(
      backfillMessage({ result: 'recorded', person_id: 1, employee_no: '10001', name: '张三', status: '出席', at: '2026-12-08T09:00:00', walk_in: false }),
    ).toBe('已补录 张三：出席，2026-12-08 09:00')
    expect(backfillMessage({ result: 'already', person_id: 1, employee_no: '10001', name: '张三', status: '出席', at: '2026-12-08T08:55:00' })).toBe(
      '张三 已于 08:55 签到，不重复计数',
    )
  })
})

describe('签到台 and the window', () => {
  it('shows the notice while idle and the refusal as the core sends it', async () => {
    expect(idleAnswer(win('open'))).toBe(IDLE)
    expect(idleAnswer(win('before'))).toEqual({ tone: 'closed', headline: NOT_OPEN, detail: '' })
    expect(answerForError({ code: 'attendance.closed', message: CLOSED }, '10001')).toEqual({ tone: 'closed', headline: CLOSED, detail: '' })
    const k = new KioskLogic(vi.fn().mockRejectedValue({ code: 'attendance.not_open', message: NOT_OPEN }))
    await k.submit('10001')
    expect(k.answer.headline).toBe(NOT_OPEN)
    // The window opening replaces the notice; a fresh answer to someone is not replaced.
    k.rest(IDLE)
    expect(k.answer).toBe(IDLE)
    const ok = new KioskLogic(
      vi.fn().mockResolvedValue({ result: 'recorded', person_id: 1, employee_no: '10001', name: '张三', status: '出席', at: '2026-12-08T08:55:00', walk_in: false }),
    )
    await ok.submit('10001')
    ok.rest(idleAnswer(win('before')))
    expect(ok.answer.headline).toBe('张三 签到成功')
  })

  it('the kiosk screen says when check-in opens', async () => {
    handler = (cmd) => {
      if (cmd === 'attendance_sheet') return { activity, counts, window: win('before'), rows: [] }
      if (cmd === 'kiosk_check_in') throw { code: 'attendance.not_open', message: NOT_OPEN }
      return null
    }
    const r = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/kiosk/:id', component: Kiosk },
        { path: '/checkin/:id', component: { template: '<div />' } },
      ],
    })
    r.push('/kiosk/5')
    await r.isReady()
    const w = mount(Kiosk, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-testid=kiosk-result]').text()).toContain(NOT_OPEN)
    const input = w.get('[data-testid=kiosk-input] input')
    await input.setValue('10001')
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(w.get('[data-testid=kiosk-result]').text()).toContain(NOT_OPEN)
    expect(w.get('[data-testid=kiosk-result]').classes()).toContain('tone-closed')
    w.unmount()
  })
})

function checkinRouter() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/checkin/:id', component: Checkin },
      { path: '/activities/:id', component: ActivityDetail },
      { path: '/checkin', component: { template: '<div />' } },
      { path: '/kiosk/:id', component: { template: '<div />' } },
    ],
  })
}

describe('签到 page', () => {
  it('before the window: the notice, 签到 disabled, 请假 still possible', async () => {
    handler = (cmd) => {
      if (cmd === 'attendance_sheet') return { activity, counts, window: win('before'), rows: [row(1, '张三'), row(2, '李四')] }
      return null
    }
    const r = checkinRouter()
    r.push('/checkin/5')
    await r.isReady()
    const w = mount(Checkin, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-testid=checkin-window]').text()).toContain(NOT_OPEN)
    expect(w.get('[data-testid=checkin-legend]').text()).toContain('补录：')
    const checkin = w.findAll('[data-testid=row-checkin]')
    expect(checkin.length).toBe(2)
    expect(checkin[0].attributes('disabled')).toBeDefined()
    expect(w.findAll('[data-testid=row-absent]')[0].attributes('disabled')).toBeDefined()
    expect(w.findAll('[data-testid=row-leave]')[0].attributes('disabled')).toBeUndefined()
    expect(w.find('[data-testid=row-present]').exists()).toBe(false)
    expect(w.get('[data-testid=count-pending]').text()).toBe('2')
    w.unmount()
  })

  it('after the day: 补录 with the start as the time', async () => {
    let rows = [row(1, '张三'), row(2, '李四')]
    handler = (cmd, args) => {
      if (cmd === 'attendance_sheet') return { activity: { ...activity, status: '已开展' }, counts, window: win('closed'), rows }
      if (cmd === 'attendance_backfill') {
        rows = [{ ...row(1, '张三', '出席'), checked_in_at: args.at as string }, row(2, '李四')]
        return { result: 'recorded', person_id: 1, employee_no: '10001', name: '张三', status: '出席', at: args.at, walk_in: false }
      }
      return null
    }
    const r = checkinRouter()
    r.push('/checkin/5')
    await r.isReady()
    const w = mount(Checkin, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await flushPromises()
    expect(w.get('[data-testid=checkin-window]').text()).toContain('补录')
    expect(w.find('[data-testid=row-checkin]').exists()).toBe(false)
    await w.findAll('[data-testid=row-backfill]')[0].trigger('click')
    await flushPromises()
    expect(document.body.querySelector('[data-testid=backfill-who]')?.textContent).toBe('张三（工号 10001）')
    ;(document.body.querySelector('[data-testid=backfill-save]') as HTMLButtonElement).click()
    await flushPromises()
    expect(calls.find(([c]) => c === 'attendance_backfill')?.[1]).toEqual({
      activity_id: 5,
      person_id: 1,
      at: '2026-12-08T09:00:00',
      walk_in: false,
    })
    expect(document.body.textContent).toContain('已补录 张三：出席，2026-12-08 09:00')
    expect(w.findAll('[data-testid=row-backfill]').length).toBe(1)
    w.unmount()
  })

  it('the activity page offers 补录 only once the activity has started', async () => {
    let started = false
    handler = (cmd) => {
      if (cmd === 'attendance_sheet') return { activity, counts, window: win(started ? 'open' : 'before', { started }), rows: [row(1, '张三')] }
      return null
    }
    const r = checkinRouter()
    r.push('/activities/5')
    await r.isReady()
    let w = mount(ActivityDetail, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await flushPromises()
    expect(w.find('[data-testid=row-backfill]').exists()).toBe(false)
    w.unmount()
    started = true
    w = mount(ActivityDetail, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await flushPromises()
    expect(w.find('[data-testid=row-backfill]').exists()).toBe(true)
    w.unmount()
  })
})

describe('设置：开始前可签到', () => {
  it('loads, saves and shows the core’s refusal', async () => {
    let stored: string | null = '30'
    let refuse = false
    handler = (cmd, args) => {
      if (cmd === 'app_info') return { version: '0.1.0', db_path: '/tmp/qg.db', schema_version: 2 }
      if (cmd === 'setting_get') return args.key === 'checkin_open_minutes' ? stored : null
      if (cmd === 'setting_set' && args.key === 'checkin_open_minutes') {
        if (refuse) throw { code: 'invalid', message: '开始前可签到：“abc”不是整数分钟数' }
        stored = args.value as string
        return null
      }
      if (cmd === 'structure_brackets_preview') return { brackets: [30], labels: ['30岁及以下', '31岁及以上'] }
      if (cmd === 'structure_config_get') return { brackets: [30], thresholds: { ageing_share_50: 0.4, reserve_per_cadre: 1, retirement_peak_share: 0.2 } }
      return null
    }
    const w = mount(Settings, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    const input = w.get('[data-testid=settings-checkin-minutes] input')
    expect((input.element as HTMLInputElement).value).toBe('30')
    await w.get('[data-testid=settings-checkin-save]').trigger('click')
    await flushPromises()
    expect(calls.find(([c, a]) => c === 'setting_set' && a.key === 'checkin_open_minutes')?.[1]).toEqual({ key: 'checkin_open_minutes', value: '30' })
    refuse = true
    await w.get('[data-testid=settings-checkin-save]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('开始前可签到：“abc”不是整数分钟数')
    w.unmount()
  })
})
