import { beforeEach, describe, expect, it, vi } from 'vitest'
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

import {
  appliedMessage,
  formatMinutes,
  inviteeOptions,
  manualMatches,
  statusFor,
  takesMeetingImport,
  toCheckIn,
} from '../lib/meetingImport'
import MeetingImportDialog from '../components/MeetingImportDialog.vue'
import ActivityDetail from '../views/ActivityDetail.vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { AttendanceStatus, MeetingPreview } from '../api'

beforeEach(() => {
  calls.length = 0
  document.body.innerHTML = ''
})

const invitee = (person_id: number, name: string, employee_no: string, unit_name: string, status: AttendanceStatus | null = null) => ({
  person_id, name, employee_no, unit_name, status, checked_in_at: null,
})

function preview(): MeetingPreview {
  return {
    activity_id: 9,
    activity_title: '云上论坛',
    starts_at: '2026-03-10T09:00:00',
    late_after: '2026-03-10T09:10:00',
    sheet: '参会明细',
    header_row: 4,
    matched: [
      {
        row: 5, rows: [5], file_name: '张三-营销部', joined_at: '2026-03-10T08:58:12', left_at: null, minutes: 122,
        person_id: 1, employee_no: '10001', name: '张三', unit_name: '营销部', how: '姓名', status: '出席',
        at: '2026-03-10T08:58:12', current: null, note: '',
      },
      {
        row: 6, rows: [6], file_name: '周九', joined_at: '2026-03-10T09:40:00', left_at: null, minutes: 80,
        person_id: 4, employee_no: '10008', name: '周九', unit_name: '营销部', how: '姓名', status: null,
        at: '2026-03-10T09:40:00', current: '出席', note: '已签到（出席 08:50），不变',
      },
    ],
    unmatched: [
      {
        row: 10, rows: [10], file_name: '钱七', employee_no: null, joined_at: '2026-03-10T09:01:00', left_at: null,
        minutes: 119, reason: '应到名单中有 2 人与此名称相符', suggestions: [3],
      },
      {
        row: 11, rows: [11], file_name: '会议室终端', employee_no: null, joined_at: '2026-03-10T09:30:00', left_at: null,
        minutes: null, reason: '应到名单中没有与此名称对应的人', suggestions: [],
      },
    ],
    problems: ['第 8 行：入会时间“九点”无法识别'],
    invitees: [
      invitee(1, '张三', '10001', '营销部'),
      invitee(4, '周九', '10008', '营销部', '出席'),
      invitee(2, '钱七', '10005', '营销部'),
      invitee(3, '钱七', '10006', '营业班'),
    ],
    not_in_file: 2,
  }
}

describe('meeting import logic', () => {
  it('is offered for online and hybrid activities only', () => {
    expect(takesMeetingImport('线上')).toBe(true)
    expect(takesMeetingImport('线上线下')).toBe(true)
    expect(takesMeetingImport('线下')).toBe(false)
    expect(takesMeetingImport(null)).toBe(false)
  })
  it('records 迟到 strictly after the grace period, the start when no join time', () => {
    const p = preview()
    expect(statusFor('2026-03-10T09:10:00', p)).toBe('出席')
    expect(statusFor('2026-03-10T09:10:01', p)).toBe('迟到')
    expect(statusFor(null, p)).toBe('出席')
  })
  it('offers the suggested namesakes first and disables people already taken', () => {
    const p = preview()
    const opts = inviteeOptions(p, p.unmatched[0], {})
    expect(opts.map((o) => o.value)).toEqual([3, 1, 2, 4])
    expect(opts[0]).toMatchObject({ suggested: true, disabled: false, label: '钱七（10006，营业班）' })
    expect(opts.find((o) => o.value === 1)?.disabled).toBe(true) // matched from the file
    expect(opts.find((o) => o.value === 4)?.label).toBe('周九（10008，营销部）· 已出席')
    // chosen for another row: disabled here, but not for the row that chose it
    expect(inviteeOptions(p, p.unmatched[1], { 10: 3 }).find((o) => o.value === 3)?.disabled).toBe(true)
    expect(inviteeOptions(p, p.unmatched[0], { 10: 3 }).find((o) => o.value === 3)?.disabled).toBe(false)
  })
  it('sends only rows with a person chosen and counts who will be checked in', () => {
    expect(manualMatches({ 11: null, 10: 3 })).toEqual([{ row: 10, person_id: 3 }])
    expect(toCheckIn(preview(), {})).toBe(1)
    expect(toCheckIn(preview(), { 10: 3, 11: null })).toBe(2)
  })
  it('sums up what was imported', () => {
    expect(appliedMessage({ present: 12, late: 3, unchanged: 2, manual: 1, unmatched: 4, check_ins: [] })).toBe(
      '已导入线上签到：出席 12 人，迟到 3 人，已签到未变 2 人（其中手动匹配 1 人）；未匹配 4 条，未导入',
    )
    expect(appliedMessage({ present: 2, late: 0, unchanged: 0, manual: 0, unmatched: 0, check_ins: [] })).toBe(
      '已导入线上签到：出席 2 人，迟到 0 人',
    )
    expect(formatMinutes(65)).toBe('65 分钟')
    expect(formatMinutes(null)).toBe('')
  })
})

describe('MeetingImportDialog', () => {
  it('picks a file, previews it, takes a manual match and applies', async () => {
    handler = (cmd) => {
      if (cmd === 'meeting_import_pick') return '/home/u/参会明细.xlsx'
      if (cmd === 'meeting_import_preview') return preview()
      if (cmd === 'meeting_import_apply') {
        return { present: 2, late: 0, unchanged: 1, manual: 1, unmatched: 1, check_ins: [] }
      }
      return null
    }
    const w = mount(MeetingImportDialog, {
      props: { activityId: 9, modelValue: true },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    })
    await flushPromises()
    const body = () => document.body
    const button = (id: string) => body().querySelector(`[data-testid=${id}]`) as HTMLElement
    expect((button('meeting-import-apply') as HTMLButtonElement).disabled).toBe(true)
    button('meeting-import-choose').click()
    await flushPromises()
    expect(calls.map((c) => c[0])).toEqual(['meeting_import_pick', 'meeting_import_preview'])
    expect(calls[1][1]).toEqual({ activity_id: 9, path: '/home/u/参会明细.xlsx' })
    expect(button('meeting-import-summary').textContent).toContain('09:10 以后入会记为迟到')
    expect(button('meeting-matched').textContent).toContain('张三（工号 10001）')
    expect(button('meeting-matched').textContent).toContain('不变')
    expect(button('meeting-unmatched').textContent).toContain('应到名单中有 2 人与此名称相符')
    expect(body().textContent).toContain('第 8 行：入会时间“九点”无法识别')
    expect(button('meeting-import-apply').textContent).toContain('签到 1 人')

    // Match 钱七 (row 10) by hand through the component's state, then apply.
    const vm = w.vm as unknown as { $: { setupState: { manual: Record<number, number | null> } } }
    vm.$.setupState.manual[10] = 3
    await flushPromises()
    expect(button('meeting-import-apply').textContent).toContain('签到 2 人')
    button('meeting-import-apply').click()
    await flushPromises()
    expect(calls[2]).toEqual([
      'meeting_import_apply',
      { activity_id: 9, path: '/home/u/参会明细.xlsx', manual: [{ row: 10, person_id: 3 }] },
    ])
    expect(body().textContent).toContain('已导入线上签到：出席 2 人')
    expect(w.emitted('done')?.[0]).toEqual([{ present: 2, late: 0, unchanged: 1, manual: 1, unmatched: 1, check_ins: [] }])
    const updates = w.emitted('update:modelValue') ?? []
    expect(updates[updates.length - 1]).toEqual([false])
    w.unmount()
  })
  it('does nothing when the file dialog is cancelled and shows a failed preview', async () => {
    let pick: string | null = null
    handler = (cmd) => {
      if (cmd === 'meeting_import_pick') return pick
      if (cmd === 'meeting_import_preview') {
        throw { code: 'invalid', message: '参会记录文件：找不到参会人所在的列' }
      }
      return null
    }
    const w = mount(MeetingImportDialog, {
      props: { activityId: 9, modelValue: true },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    })
    await flushPromises()
    const choose = document.body.querySelector('[data-testid=meeting-import-choose]') as HTMLElement
    choose.click()
    await flushPromises()
    expect(calls.map((c) => c[0])).toEqual(['meeting_import_pick'])
    pick = '/tmp/x.csv'
    choose.click()
    await flushPromises()
    expect(document.body.textContent).toContain('找不到参会人所在的列')
    expect(document.body.querySelector('[data-testid=meeting-matched]')).toBeNull()
    w.unmount()
  })
})

describe('活动详情', () => {
  const activity = (mode: string) => ({
    id: 9, uid: 'a', series_uid: null, kind: '职工座谈会', mode, title: '云上论坛',
    starts_at: '2026-03-10T09:00:00', ends_at: '2026-03-10T11:00:00', place: mode === '线上' ? null : '三楼会议室',
    online_meeting: mode === '线下' ? null : '腾讯会议', organizer_unit_id: null, organizer_name: null, host: null,
    description: null, late_grace_minutes: 10, status: '计划', summary: null, invited: 0, attended: 0,
  })
  const counts = { invited: 0, attended: 0, present: 0, late: 0, leave: 0, absent: 0, not_checked_in: 0, walk_ins: 0, rate: null }

  async function detail(mode: string) {
    handler = (cmd) => {
      if (cmd === 'attendance_sheet') return { activity: activity(mode), counts, rows: [] }
      if (cmd === 'unit_tree') return []
      return null
    }
    const r = createRouter({ history: createMemoryHistory(), routes: [{ path: '/activities/:id', component: ActivityDetail }] })
    r.push('/activities/9')
    await r.isReady()
    const w = mount(ActivityDetail, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await flushPromises()
    return w
  }

  it('offers 导入线上签到 for online and hybrid activities and exports the attendance', async () => {
    for (const mode of ['线上', '线上线下']) {
      const w = await detail(mode)
      expect(w.find('[data-testid=meeting-import]').exists()).toBe(true)
      w.unmount()
    }
    const w = await detail('线下')
    expect(w.find('[data-testid=meeting-import]').exists()).toBe(false)
    handler = () => null
    await w.get('[data-testid=export-xlsx]').trigger('click')
    await flushPromises()
    expect(calls[calls.length - 1]).toEqual(['export_xlsx', { job: { kind: 'attendance', activity_id: 9 } }])
    w.unmount()
  })
})
