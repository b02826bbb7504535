// The audit screen's filters as the core's AuditQuery, and how a change reads.
import type { AuditChange, AuditQuery, AuditField } from '../api/authTypes'

/** The tables whose records the audit names (the database's table names), as the filter offers them. */
export const AUDIT_TABLES: { code: string; label: string }[] = [
  { code: 'person', label: '职工' },
  { code: 'unit', label: '单位' },
  { code: 'activity', label: '活动' },
  { code: 'attendance', label: '考勤' },
  { code: 'activity_file', label: '活动照片或附件' },
  { code: 'account', label: '账号' },
  { code: 'setting', label: '设置' },
]

export function tableLabel(code: string): string {
  return AUDIT_TABLES.find((t) => t.code === code)?.label ?? code
}

export interface AuditFilters {
  actor: string
  action: string
  /** [from, to] as YYYY-MM-DD, or null */
  dates: [string, string] | null
  table: string
  recordId: number | null
}

export function emptyFilters(): AuditFilters {
  return { actor: '', action: '', dates: null, table: '', recordId: null }
}

/** The query for one page: blank filters left out (a record id only with its table). */
export function auditQuery(f: AuditFilters, offset: number, limit: number): AuditQuery {
  const q: AuditQuery = { offset, limit }
  const actor = f.actor.trim()
  if (actor) q.actor = actor
  if (f.action) q.action = f.action
  if (f.dates && f.dates[0]) q.from = f.dates[0]
  if (f.dates && f.dates[1]) q.to = f.dates[1]
  const table = f.table.trim()
  if (table) {
    q.table = table
    if (f.recordId !== null && Number.isInteger(f.recordId) && f.recordId > 0) q.record_id = f.recordId
  }
  return q
}

/** A field's value as shown: empty for none. */
export function showValue(v: string | null): string {
  return v === null || v === '' ? '（空）' : v
}

/** 姓名：张三 → 张叁 (新增: only the new value; 删除: only the old). */
export function fieldLine(op: AuditChange['op'], f: AuditField): string {
  if (op === '新增') return `${f.label}：${showValue(f.new)}`
  if (op === '删除') return `${f.label}：${showValue(f.old)}`
  return `${f.label}：${showValue(f.old)} → ${showValue(f.new)}`
}

/** 职工 #7 修改 */
export function changeTitle(c: AuditChange): string {
  return `${c.table_label || tableLabel(c.table)} #${c.record_id} ${c.op}`
}
