import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'

let handler: (cmd: string, args: Record<string, unknown>) => unknown = () => null
const calls: [string, Record<string, unknown>][] = []
vi.mock('@tauri-apps/api/core', () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push([cmd, args])
    return handler(cmd, args)
  },
}))

import { DEFAULT_ORDER, PRINT_ORDERS, printChoices, printReport, yearToDate } from '../lib/printing'
import { usePrinter } from '../composables/usePrinter'

beforeEach(() => {
  calls.length = 0
  document.body.innerHTML = ''
})

const printed = { path: 'D:\\文档\\签到表.pdf', pages: 3, missing_glyphs: '', opened: true }

describe('printReport', () => {
  it('says where the file went and how many pages it has', () => {
    expect(printReport(printed)).toEqual([{ type: 'success', message: '已保存 D:\\文档\\签到表.pdf（3 页）' }])
  })
  it('says nothing when the save dialog was cancelled', () => {
    expect(printReport(null)).toEqual([])
    expect(printReport(undefined)).toEqual([])
  })
  it('warns about characters the font lacks', () => {
    const r = printReport({ ...printed, missing_glyphs: '㛃堃' })
    expect(r).toHaveLength(2)
    expect(r[1]).toEqual({
      type: 'warning',
      message: '字体中没有这些字，已用“□”代替：㛃堃。可在“设置”中换用字库更全的字体。',
    })
  })
  it('says where to look when the viewer could not be opened', () => {
    const r = printReport({ ...printed, pages: 1, missing_glyphs: '喆', opened: false })
    expect(r.map((x) => x.type)).toEqual(['success', 'warning', 'warning'])
    expect(r[0].message).toBe('已保存 D:\\文档\\签到表.pdf（1 页）')
    expect(r[2].message).toBe('已保存，但未能自动打开，请到 D:\\文档\\签到表.pdf 查看')
  })
})

describe('print choices', () => {
  it('lists the four orders, 姓氏笔画 first and by default', () => {
    expect(PRINT_ORDERS.map((o) => o.label)).toEqual(['姓氏笔画', '拼音', '单位', '工号'])
    expect(PRINT_ORDERS.map((o) => o.value)).toEqual(['stroke', 'pinyin', 'unit', 'employee-no'])
    expect(DEFAULT_ORDER).toBe('stroke')
    expect(printChoices()).toEqual({ order: 'stroke', show_id_number: false, show_phone: false, unmask: false })
  })
  it('prints full numbers only when some number is printed', () => {
    expect(printChoices('pinyin', false, false, true).unmask).toBe(false)
    expect(printChoices('unit', true, false, true)).toEqual({ order: 'unit', show_id_number: true, show_phone: false, unmask: true })
    expect(printChoices('employee-no', false, true, true).unmask).toBe(true)
    expect(printChoices('stroke', true, true, false).unmask).toBe(false)
  })
  it('defaults the ledger period to this year so far', () => {
    expect(yearToDate(new Date(2026, 10, 24, 15, 30))).toEqual(['2026-01-01', '2026-11-24'])
    expect(yearToDate(new Date(2027, 0, 1))).toEqual(['2027-01-01', '2027-01-01'])
  })
})

describe('usePrinter', () => {
  it('sends the job, is busy meanwhile and reports the result', async () => {
    let resolve!: (v: unknown) => void
    handler = () => new Promise((r) => (resolve = r))
    const { busy, print } = usePrinter()
    const p = print({ kind: 'roster', unit_id: 1 }, printChoices('pinyin', true, false, false))
    expect(busy.value).toBe('roster')
    // a second click while running does nothing
    expect(await print({ kind: 'roster', unit_id: 1 }, printChoices())).toBeUndefined()
    resolve({ ...printed, missing_glyphs: '堃' })
    expect(await p).toMatchObject({ pages: 3 })
    expect(busy.value).toBeNull()
    expect(calls).toEqual([['print_document', {
      job: { kind: 'roster', unit_id: 1 },
      choices: { order: 'pinyin', show_id_number: true, show_phone: false, unmask: false },
    }]])
    await flushPromises()
    expect(document.body.textContent).toContain('已保存 D:\\文档\\签到表.pdf（3 页）')
    expect(document.body.textContent).toContain('已用“□”代替：堃')
  })
  it('shows the core message when printing fails', async () => {
    handler = () => {
      throw { code: 'pdf.no_font', message: '找不到中文字体，请安装 fonts-noto-cjk' }
    }
    const { busy, print } = usePrinter()
    expect(await print({ kind: 'sign_in_sheet', activity_id: 5 }, printChoices())).toBeUndefined()
    expect(busy.value).toBeNull()
    await flushPromises()
    expect(document.body.textContent).toContain('找不到中文字体，请安装 fonts-noto-cjk')
  })
  it('stays quiet when the save dialog is cancelled', async () => {
    handler = () => null
    const { print } = usePrinter()
    expect(await print({ kind: 'ledger', unit_id: 1, from: '2026-01-01', to: '2026-11-24' }, printChoices())).toBeNull()
    await flushPromises()
    expect(document.body.textContent).not.toContain('已保存')
  })
})
