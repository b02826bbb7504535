import { beforeEach, describe, expect, it, vi } from 'vitest'

// A hand-made stand-in for Tauri's invoke: records the calls, answers with `next`.
const calls: [string, unknown][] = []
let next: () => Promise<unknown> = () => Promise.resolve(undefined)
vi.mock('@tauri-apps/api/core', () => ({
  invoke: (command: string, args?: unknown) => {
    calls.push([command, args])
    return next()
  },
}))
const invoke = {
  mockResolvedValue(v: unknown) {
    next = () => Promise.resolve(v)
  },
  mockRejectedValue(e: unknown) {
    next = () => Promise.reject(e)
  },
  get lastCall() {
    return calls[calls.length - 1]
  },
}

import * as api from '../api'

beforeEach(() => {
  calls.length = 0
})

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('expected a rejection')
}

describe('toAppError', () => {
  it('keeps a Tauri rejection as it is', () => {
    expect(api.toAppError({ code: 'unit.has_staff', message: '单位“营销部”还有 3 名职工' })).toEqual({
      code: 'unit.has_staff',
      message: '单位“营销部”还有 3 名职工',
    })
  })
  it('drops extra fields of a rejection', () => {
    expect(api.toAppError({ code: 'invalid', message: '请输入工号或姓名', extra: 1 })).toEqual({
      code: 'invalid',
      message: '请输入工号或姓名',
    })
  })
  it('turns a string into an internal error', () => {
    expect(api.toAppError('command person_list not found')).toEqual({
      code: 'internal',
      message: '操作失败：command person_list not found',
    })
  })
  it('turns an Error into an internal error', () => {
    expect(api.toAppError(new TypeError('x is undefined'))).toEqual({
      code: 'internal',
      message: '操作失败：TypeError: x is undefined',
    })
  })
  it('does not take half an error object for a rejection', () => {
    expect(api.toAppError({ message: '只有消息' }).code).toBe('internal')
    expect(api.toAppError(null)).toEqual({ code: 'internal', message: '操作失败：null' })
  })
})

describe('commands', () => {
  it('send snake_case arguments', async () => {
    invoke.mockResolvedValue({ total: 0, offset: 50, items: [] })
    await api.personList({ unit_id: 3, search: 'zs' }, 50, 50)
    expect(invoke.lastCall).toEqual(['person_list', {
      filter: { unit_id: 3, search: 'zs' },
      offset: 50,
      limit: 50,
    }])

    invoke.mockResolvedValue(2)
    await api.invite(7, [1, 2], null, [9])
    expect(invoke.lastCall).toEqual(['invite', {
      activity_id: 7,
      unit_ids: [1, 2],
      filter: null,
      person_ids: [9],
    }])

    invoke.mockResolvedValue({ result: 'recorded' })
    await api.kioskCheckIn(7, '10001', true)
    expect(invoke.lastCall).toEqual(['kiosk_check_in', { activity_id: 7, key: '10001', walk_in: true }])

    invoke.mockResolvedValue(undefined)
    await api.unitAdd('城关供电所', null, null)
    expect(invoke.lastCall).toEqual(['unit_add', { name: '城关供电所', kind: null, parent_id: null }])

    await api.structure(null, 'cadres', '2026-11-24')
    expect(invoke.lastCall).toEqual(['structure', { unit_id: null, population: 'cadres', as_of: '2026-11-24', years: null }])

    await api.setFullscreen(true)
    expect(invoke.lastCall).toEqual(['set_fullscreen', { fullscreen: true }])

    await api.attendanceRates('unit', '2025-01-01', '2025-12-31')
    expect(invoke.lastCall).toEqual(['attendance_rates', {
      by: 'unit',
      from: '2025-01-01',
      to: '2025-12-31',
      unit_id: null,
      kinds: [],
    }])
  })

  it('print, read settings and pick a font file', async () => {
    const printed = { path: '/home/zs/签到表.pdf', pages: 2, missing_glyphs: '', opened: true }
    invoke.mockResolvedValue(printed)
    expect(
      await api.printDocument(
        { kind: 'ledger', unit_id: 1, from: '2026-01-01', to: '2026-11-24' },
        { order: 'employee-no', show_id_number: false, show_phone: true, unmask: false },
      ),
    ).toEqual(printed)
    expect(invoke.lastCall).toEqual(['print_document', {
      job: { kind: 'ledger', unit_id: 1, from: '2026-01-01', to: '2026-11-24' },
      choices: { order: 'employee-no', show_id_number: false, show_phone: true, unmask: false },
    }])

    invoke.mockResolvedValue(null)
    expect(await api.printDocument({ kind: 'sign_in_sheet', activity_id: 7 }, {
      order: 'stroke', show_id_number: false, show_phone: false, unmask: false,
    })).toBeNull()
    expect(invoke.lastCall?.[1]).toMatchObject({ job: { kind: 'sign_in_sheet', activity_id: 7 } })

    invoke.mockResolvedValue('/usr/share/fonts/simsun.ttc')
    expect(await api.settingGet('pdf_font')).toBe('/usr/share/fonts/simsun.ttc')
    expect(invoke.lastCall).toEqual(['setting_get', { key: 'pdf_font' }])

    invoke.mockResolvedValue(null)
    await api.settingSet('pdf_font', '')
    expect(invoke.lastCall).toEqual(['setting_set', { key: 'pdf_font', value: '' }])

    invoke.mockResolvedValue('C:\\Windows\\Fonts\\simsun.ttc')
    expect(await api.pickFontFile()).toBe('C:\\Windows\\Fonts\\simsun.ttc')
    expect(invoke.lastCall).toEqual(['pick_font_file', undefined])
  })

  it('return what the shell returns', async () => {
    invoke.mockResolvedValue([12, 13, 14])
    const ids = await api.activityAdd(
      {
        kind: '专题讲座',
        mode: '线下',
        title: '安全生产专题讲座',
        starts_at: '2026-12-01T09:00:00',
        ends_at: '2026-12-01T11:00:00',
        place: '三楼会议室',
        online_meeting: null,
        organizer_unit_id: 1,
        host: null,
        description: null,
        late_grace_minutes: 10,
      },
      '每周',
      3,
    )
    expect(ids).toEqual([12, 13, 14])
    expect(calls[0][1]).toMatchObject({ repeat: '每周', count: 3 })
  })

  it('reject with the core error unchanged', async () => {
    invoke.mockRejectedValue(
      ({ code: 'person.invalid', message: '身份证号：校验位错误（按 GB 11643 应为 8）' }),
    )
    expect(await caught(api.personGet(1, true))).toEqual({
      code: 'person.invalid',
      message: '身份证号：校验位错误（按 GB 11643 应为 8）',
    })
  })

  it('reject anything else as internal', async () => {
    invoke.mockRejectedValue(new Error('IPC 通道已关闭'))
    expect(await caught(api.dashboard())).toEqual({
      code: 'internal',
      message: '操作失败：Error: IPC 通道已关闭',
    })
  })
})
