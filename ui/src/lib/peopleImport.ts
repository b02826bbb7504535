// 导入花名册: the logic of the import wizard (no Vue, no IPC here, so it is unit-tested): the
// steps, checking a corrected column mapping before it is sent, the options sent with it (导入到),
// filtering and summing up the preview, and the progress figure.
import type {
  ImportAction,
  ImportField,
  ImportMapping,
  ImportOptions,
  ImportPreview,
  ImportRow,
  ImportSheet,
} from '../api'

/** The wizard's steps, in order. */
export const STEPS = ['选择文件', '核对列', '预览', '导入'] as const

/** A field's name as the core labels it in `people_import_open` (the key if it sent none). */
function fieldLabel(fields: ImportSheet['fields'], key: ImportField): string {
  return fields.find((f) => f.key === key)?.label ?? key
}

/** Why the mapping cannot be used yet (the same rules as the core's), or null. `fields` are the
 *  field names the core sent with the sheet. */
export function mappingProblem(m: ImportMapping | null, fields: ImportSheet['fields']): string | null {
  if (!m) return '请先指定表头所在的行'
  const byField = new Map<ImportField, string[]>()
  for (const c of m.columns) {
    if (!c.field) continue
    byField.set(c.field, [...(byField.get(c.field) ?? []), c.letter])
  }
  for (const [field, letters] of byField) {
    if (field !== 'unit' && letters.length > 1) {
      return `“${fieldLabel(fields, field)}”对应了多列（${letters.map((l) => `${l} 列`).join('、')}），每项只能对应一列`
    }
  }
  if (!byField.has('name')) return '请指定“姓名”所在的列'
  if (!byField.has('employee_no') && !byField.has('id_number')) return '请指定“工号”或“身份证号”所在的列'
  return null
}

export type RowFilter = '全部' | ImportAction

/** The options of a preview or commit: the (corrected) mapping, whether to create missing
 *  units, and 导入到 — the unit the sheet belongs to (null: units matched from the top of the
 *  tree). */
export function importOptions(
  mapping: ImportMapping | null,
  createUnits: boolean,
  targetUnitId: number | string | null | undefined,
): ImportOptions {
  // A cleared unit picker gives undefined (or '' in some versions): no target.
  const target = typeof targetUnitId === 'number' ? targetUnitId : null
  return { mapping, create_units: createUnits, target_unit_id: target }
}

/** The rows shown for a filter tab. */
export function filterRows(p: ImportPreview, filter: RowFilter): ImportRow[] {
  return filter === '全部' ? p.rows : p.rows.filter((r) => r.action === filter)
}

/** The counts shown on the filter tabs. */
export function counts(p: ImportPreview): Record<RowFilter, number> {
  return {
    全部: p.rows.length,
    新增: p.totals.new,
    更新: p.totals.updated,
    不变: p.totals.unchanged,
    错误: p.totals.errors,
    跳过: p.totals.skipped,
  }
}

/** The filter tabs: 跳过 only when rows were skipped (footers, notes, repeated headers). */
export function filterTabs(p: ImportPreview): RowFilter[] {
  const tabs: RowFilter[] = ['全部', '错误', '新增', '更新', '不变']
  if (p.totals.skipped) tabs.push('跳过')
  return tabs
}

/** The tab shown first: the errors when there are any. */
export function firstFilter(p: ImportPreview): RowFilter {
  return p.totals.errors ? '错误' : '全部'
}

/** The text of the 说明 column: errors, then changes, then remarks. */
export function rowDetail(r: ImportRow): string {
  return [...r.errors, ...r.changes, ...r.notes].join('；')
}

/** Whether committing would write anything. */
export function hasWork(p: ImportPreview): boolean {
  return p.totals.new + p.totals.updated > 0 || p.new_units.length > 0
}

/** One sentence for the preview and the result. */
export function summary(p: ImportPreview): string {
  const t = p.totals
  const parts = [`新增 ${t.new} 人`, `更新 ${t.updated} 人`, `不变 ${t.unchanged} 人`]
  if (t.errors) parts.push(`${t.errors} 行有错误${p.committed ? '未导入' : '将跳过'}`)
  if (t.skipped) parts.push(`表尾等 ${t.skipped} 行不是人员${p.committed ? '已跳过' : '将跳过'}`)
  let s = parts.join('，')
  if (p.new_units.length) s += `；${p.committed ? '已新建' : '将新建'}单位 ${p.new_units.join('、')}`
  if (p.committed && !hasWork(p)) return '没有需要导入的新内容，数据库未改动'
  return s
}

/** The label of the import button. */
export function commitLabel(p: ImportPreview): string {
  const n = p.totals.new + p.totals.updated
  return p.totals.errors ? `导入其余 ${n} 行（跳过 ${p.totals.errors} 行错误）` : `导入 ${n} 行`
}

/** Progress in whole percent (0 when nothing is known yet). */
export function percent(done: number, total: number): number {
  if (total <= 0) return 0
  return Math.max(0, Math.min(100, Math.floor((done * 100) / total)))
}

/** The first rows of the sheet for the header step, padded to the same width. */
export function headTable(head: string[][], maxRows = 12): { rowNo: number; cells: string[] }[] {
  const rows = head.slice(0, maxRows)
  const width = Math.max(0, ...rows.map((r) => r.length))
  return rows.map((r, i) => ({ rowNo: i + 1, cells: [...r, ...Array(width - r.length).fill('')] }))
}
