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

import { exportReport, withFullNumbers } from '../lib/exporting'
import { useExporter } from '../composables/useExporter'
import ExportButton from '../components/ExportButton.vue'
import type { ExportJob } from '../api'

beforeEach(() => {
  calls.length = 0
  document.body.innerHTML = ''
})

const exported = { path: 'D:\\文档\\职工名单.xlsx', rows: 312, sheets: ['职工名单'] }

describe('exportReport', () => {
  it('says where the file went and how many rows it has', () => {
    expect(exportReport(exported)).toBe('已导出 D:\\文档\\职工名单.xlsx（312 行）')
  })
  it('names the sheets of a workbook with several', () => {
    expect(exportReport({ path: 'a.xlsx', rows: 4, sheets: ['考勤', '汇总'] })).toBe(
      '已导出 a.xlsx（4 行，工作表：考勤、汇总）',
    )
  })
  it('says nothing when the save dialog was cancelled', () => {
    expect(exportReport(null)).toBeNull()
    expect(exportReport(undefined)).toBeNull()
  })
})

describe('withFullNumbers', () => {
  it('only the staff list carries personal numbers', () => {
    const people: ExportJob = { kind: 'people', filter: { unit_id: 3 }, order: 'employee-no' }
    expect(withFullNumbers(people, true)).toEqual({ ...people, full: true })
    expect(withFullNumbers(people, false)).toEqual({ ...people, full: false })
    const sheet: ExportJob = { kind: 'attendance', activity_id: 5 }
    expect(withFullNumbers(sheet, true)).toEqual(sheet)
  })
})

describe('useExporter', () => {
  it('sends the job, is busy meanwhile, ignores a second click and reports', async () => {
    let resolve!: (v: unknown) => void
    handler = () => new Promise((r) => (resolve = r))
    const { busy, run } = useExporter()
    const p = run({ kind: 'ledger', unit_id: 1, from: '2026-01-01', to: '2026-11-24' })
    expect(busy.value).toBe(true)
    expect(await run({ kind: 'attendance', activity_id: 5 })).toBeUndefined()
    resolve(exported)
    expect(await p).toEqual(exported)
    expect(busy.value).toBe(false)
    expect(calls).toEqual([['export_xlsx', { job: { kind: 'ledger', unit_id: 1, from: '2026-01-01', to: '2026-11-24' } }]])
    await flushPromises()
    expect(document.body.textContent).toContain('已导出 D:\\文档\\职工名单.xlsx（312 行）')
  })
  it('shows the core’s message when the export fails', async () => {
    handler = () => {
      throw { code: 'invalid', message: '截止日期：不能早于起始日期' }
    }
    const { busy, run } = useExporter()
    expect(await run({ kind: 'rates', from: '2026-12-31', to: '2026-01-01' })).toBeUndefined()
    expect(busy.value).toBe(false)
    await flushPromises()
    expect(document.body.textContent).toContain('截止日期：不能早于起始日期')
  })
})

describe('ExportButton', () => {
  it('exports the job as it is at the moment of the click, masked', async () => {
    handler = () => exported
    let unit = 1
    const w = mount(ExportButton, {
      props: { job: (): ExportJob => ({ kind: 'people', filter: { unit_id: unit } }), allowFull: true },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    })
    unit = 7
    await w.get('[data-testid=export-xlsx] button').trigger('click')
    await flushPromises()
    expect(calls).toEqual([['export_xlsx', { job: { kind: 'people', filter: { unit_id: 7 }, full: false } }]])
    w.unmount()
  })
  it('is a plain button for lists without personal numbers', async () => {
    handler = () => null
    const w = mount(ExportButton, {
      props: { job: (): ExportJob => ({ kind: 'attendance', activity_id: 5 }), label: '导出考勤' },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    })
    expect(w.text()).toBe('导出考勤')
    await w.get('[data-testid=export-xlsx]').trigger('click')
    await flushPromises()
    expect(calls).toEqual([['export_xlsx', { job: { kind: 'attendance', activity_id: 5 } }]])
    w.unmount()
  })
})
