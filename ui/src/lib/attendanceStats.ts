// 出勤统计: the pure parts of the screen — periods from the quick picks, the unit rows as a tree,
// the threshold marking, sorting, and the did-not-attend list grouped by person. No Vue, no IPC.
import type { AbsenceRun, AbsentGroup, PersonRate, UnitRate } from '../api'
import { toDateStr } from './format'

/** 设置 key of the 出勤率提醒线 (percent) and its default, as the core declares them. */
export const LOW_RATE_KEY = 'attendance_low_rate' as const
export const DEFAULT_LOW_RATE = 80

/** The stored setting as a percent 1–100; the default when unset or unreadable. */
export function parseLowRate(v: string | null | undefined): number {
  const n = v === null || v === undefined || v.trim() === '' ? NaN : Number(v.trim().replace(/[%％]$/, ''))
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : DEFAULT_LOW_RATE
}

export const ABSENCE_RUN_KEY = 'attendance_absence_run' as const
export const DEFAULT_ABSENCE_RUN = 3

/** The stored run threshold (2–20 activities), or the default when unset or unreadable. */
export function parseAbsenceRun(v: string | null | undefined): number {
  const n = Number.parseInt((v ?? '').trim(), 10)
  return Number.isInteger(n) && n >= 2 && n <= 20 ? n : DEFAULT_ABSENCE_RUN
}

export type PeriodPick = 'month' | 'quarter' | 'year' | 'custom'
export const PERIOD_PICKS: { value: PeriodPick; label: string }[] = [
  { value: 'month', label: '本月' },
  { value: 'quarter', label: '本季度' },
  { value: 'year', label: '本年' },
  { value: 'custom', label: '自定义' },
]

/** 本月 / 本季度 / 本年 containing `today`, first and last day. */
export function periodOf(pick: Exclude<PeriodPick, 'custom'>, today: Date): { from: string; to: string } {
  const y = today.getFullYear()
  const m = today.getMonth()
  switch (pick) {
    case 'month':
      return { from: toDateStr(new Date(y, m, 1)), to: toDateStr(new Date(y, m + 1, 0)) }
    case 'quarter': {
      const q = Math.floor(m / 3) * 3
      return { from: toDateStr(new Date(y, q, 1)), to: toDateStr(new Date(y, q + 3, 0)) }
    }
    case 'year':
      return { from: `${y}-01-01`, to: `${y}-12-31` }
  }
}

/** Below the threshold (percent)? A rate of null (nobody expected) is never low. */
export function isLow(rate: number | null | undefined, thresholdPercent: number): boolean {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return false
  // Compare in tenths of a percent, as shown, so 79.99…% shown as "80.0%" is not marked.
  return Math.round(rate * 1000) < thresholdPercent * 10
}

/** A unit row with its sub-units under `children` (el-table tree). */
export type UnitRow = UnitRate & { children?: UnitRow[] }
export type TreeRow<T> = T & { children?: TreeRow<T>[] }

/**
 * The core's unit rows (tree order, with `depth`) as a tree: each row goes under the nearest row
 * before it with a smaller depth. The shallowest rows are the roots.
 */
export function unitTreeRows<T extends { depth: number }>(rows: T[]): TreeRow<T>[] {
  const roots: TreeRow<T>[] = []
  const stack: TreeRow<T>[] = []
  for (const r of rows) {
    const node: TreeRow<T> = { ...r }
    while (stack.length && stack[stack.length - 1].depth >= r.depth) stack.pop()
    const parent = stack[stack.length - 1]
    if (parent) (parent.children ??= []).push(node)
    else roots.push(node)
    stack.push(node)
  }
  return roots
}

export type PersonSortKey = 'rate' | 'invited' | 'absent'
export type SortOrder = 'ascending' | 'descending'

/** People sorted by a column; no rate (nobody expected) always last; ties by 工号. */
export function sortPeople(rows: PersonRate[], key: PersonSortKey, order: SortOrder): PersonRate[] {
  const sign = order === 'ascending' ? 1 : -1
  const value = (r: PersonRate): number | null => (key === 'rate' ? r.rate : key === 'invited' ? r.invited : r.absent)
  return [...rows].sort((a, b) => {
    const va = value(a)
    const vb = value(b)
    if (va === null && vb !== null) return 1
    if (vb === null && va !== null) return -1
    if (va !== null && vb !== null && va !== vb) return sign * (va - vb)
    return (a.employee_no ?? '').localeCompare(b.employee_no ?? '') || a.person_id - b.person_id
  })
}

/** "连续缺席 4 次（至今 2 次）", or "连续缺席 3 次（至今）" when the run is still going. */
export function runText(r: Pick<AbsenceRun, 'longest' | 'current'>): string {
  if (r.current >= r.longest) return `连续缺席 ${r.longest} 次（至今）`
  if (r.current > 0) return `连续缺席 ${r.longest} 次（至今 ${r.current} 次）`
  return `连续缺席 ${r.longest} 次`
}

/** 缺席 3 次，请假 1 次 */
export function groupSummary(g: Pick<AbsentGroup, 'absent' | 'leave'>): string {
  const parts: string[] = []
  if (g.absent.length) parts.push(`缺席 ${g.absent.length} 次`)
  if (g.leave.length) parts.push(`请假 ${g.leave.length} 次`)
  return parts.join('，')
}
