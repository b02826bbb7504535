// 导入线上签到: the logic of the dialog (no Vue, no IPC here, so it is unit-tested): what each
// row will be recorded as, the people offered when matching a row by hand, and the summary.
import type { ManualMatch, MeetingApplied, MeetingInvitee, MeetingPreview, MeetingUnmatchedRow } from '../api'

/** 出席 or 迟到 for a join time, as the core decides it (late strictly after `late_after`). */
export function statusFor(joinedAt: string | null, p: Pick<MeetingPreview, 'starts_at' | 'late_after'>): string {
  const at = joinedAt ?? p.starts_at
  // Same fixed "YYYY-MM-DDTHH:MM:SS" form on both sides: text order is time order.
  return at > p.late_after ? '迟到' : '出席'
}

/** People already taken: matched from the file or chosen for another row. */
function taken(p: MeetingPreview, manual: Record<number, number | null>, exceptRow: number): Set<number> {
  const s = new Set(p.matched.map((m) => m.person_id))
  for (const [row, id] of Object.entries(manual)) {
    if (id != null && Number(row) !== exceptRow) s.add(id)
  }
  return s
}

export interface InviteeOption {
  value: number
  label: string
  /** Suggested for this row (a namesake), listed first. */
  suggested: boolean
  /** Already matched or chosen for another row. */
  disabled: boolean
}

/** The invitees offered for an unmatched row: its suggestions first, then the others not yet
 * checked in, then those already checked in; people already taken are disabled. */
export function inviteeOptions(
  p: MeetingPreview,
  row: MeetingUnmatchedRow,
  manual: Record<number, number | null>,
): InviteeOption[] {
  const busy = taken(p, manual, row.row)
  const rank = (i: MeetingInvitee) =>
    row.suggestions.includes(i.person_id) ? 0 : i.status == null ? 1 : 2
  return [...p.invitees]
    .sort((a, b) => rank(a) - rank(b))
    .map((i) => ({
      value: i.person_id,
      label: `${i.name}（${i.employee_no}，${i.unit_name}）${i.status ? `· 已${i.status}` : ''}`,
      suggested: row.suggestions.includes(i.person_id),
      disabled: busy.has(i.person_id),
    }))
}

/** The manual matches to send: rows with a person chosen. */
export function manualMatches(manual: Record<number, number | null>): ManualMatch[] {
  return Object.entries(manual)
    .filter(([, id]) => id != null)
    .map(([row, id]) => ({ row: Number(row), person_id: id as number }))
    .sort((a, b) => a.row - b.row)
}

/** How many people an apply would check in (matched and not yet checked in, plus by hand). */
export function toCheckIn(p: MeetingPreview, manual: Record<number, number | null>): number {
  return p.matched.filter((m) => m.status != null).length + manualMatches(manual).length
}

/** "已导入线上签到：出席 12 人，迟到 3 人，已签到未变 2 人（其中手动匹配 1 人）；未匹配 4 条，未导入". */
export function appliedMessage(a: MeetingApplied): string {
  let s = `已导入线上签到：出席 ${a.present} 人，迟到 ${a.late} 人`
  if (a.unchanged > 0) s += `，已签到未变 ${a.unchanged} 人`
  if (a.manual > 0) s += `（其中手动匹配 ${a.manual} 人）`
  if (a.unmatched > 0) s += `；未匹配 ${a.unmatched} 条，未导入`
  return s
}

/** "65 分钟", "" when unknown. */
export function formatMinutes(m: number | null | undefined): string {
  return m == null ? '' : `${m} 分钟`
}

/** Online and hybrid activities take a meeting's participant list. */
export function takesMeetingImport(mode: string | null | undefined): boolean {
  return mode === '线上' || mode === '线上线下'
}
