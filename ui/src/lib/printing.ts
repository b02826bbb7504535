// Printing to PDF: the choices every print button offers and the messages after printing.
import type { PrintChoices, PrintOrder, Printed } from '../api'
import { toDateStr } from './format'

/** Name orders in the order the choosers list them; the first is the default. */
export const PRINT_ORDERS: { value: PrintOrder; label: string }[] = [
  { value: 'stroke', label: '姓氏笔画' },
  { value: 'pinyin', label: '拼音' },
  { value: 'unit', label: '单位' },
  { value: 'employee-no', label: '工号' },
]

export const DEFAULT_ORDER: PrintOrder = 'stroke'

/** Choices for a sheet or roster: full numbers only when some number is printed at all. */
export function printChoices(
  order: PrintOrder = DEFAULT_ORDER,
  showIdNumber = false,
  showPhone = false,
  unmask = false,
): PrintChoices {
  return {
    order,
    show_id_number: showIdNumber,
    show_phone: showPhone,
    unmask: unmask && (showIdNumber || showPhone),
  }
}

/** 1 January of `today`'s year to `today`, as the ledger's default period. */
export function yearToDate(today: Date): [string, string] {
  return [`${today.getFullYear()}-01-01`, toDateStr(today)]
}

export interface Report {
  type: 'success' | 'warning'
  message: string
}

/** What to tell the user after `print_document`; nothing when the save dialog was cancelled. */
export function printReport(p: Printed | null | undefined): Report[] {
  if (!p) return []
  const out: Report[] = [{ type: 'success', message: `已保存 ${p.path}（${p.pages} 页）` }]
  if (p.missing_glyphs) {
    out.push({
      type: 'warning',
      message: `字体中没有这些字，已用“□”代替：${p.missing_glyphs}。可在“设置”中换用字库更全的字体。`,
    })
  }
  if (!p.opened) out.push({ type: 'warning', message: `已保存，但未能自动打开，请到 ${p.path} 查看` })
  return out
}
