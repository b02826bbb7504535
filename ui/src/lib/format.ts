// Pure display helpers: dates the way Chinese official documents write them, rates with their
// counts, ages and shares as the core computed them. No Vue, no IPC, so everything here is
// unit-tested.
import type { Counts } from '../api'

const pad = (n: number) => String(n).padStart(2, '0')

/** Local calendar date of a Date as "YYYY-MM-DD". */
export function toDateStr(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Local time of a Date as "YYYY-MM-DDTHH:MM:SS" (what the core expects, no zone). */
export function toDateTimeStr(d: Date): string {
  return `${toDateStr(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]" as local time; null when malformed. */
export function parseLocal(s: string | null | undefined): Date | null {
  if (!s) return null
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(s)
  if (!m) return null
  const [, y, mo, d, h, mi, se] = m
  return new Date(+y, +mo - 1, +d, h ? +h : 0, mi ? +mi : 0, se ? +se : 0)
}

/** "2026-11-24" → "2026年11月24日" (also accepts a date-time). "" for nothing. */
export function formatDate(s: string | null | undefined): string {
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})/.exec(s) : null
  if (!m) return s ?? ''
  return `${+m[1]}年${+m[2]}月${+m[3]}日`
}

/** "2026-11-24T09:00:00" → "2026-11-24 09:00". */
export function formatDateTime(s: string | null | undefined): string {
  const m = s ? /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(s) : null
  if (!m) return s ?? ''
  return `${m[1]} ${m[2]}`
}

/** "2026-11-24T09:05:00" → "09:05". */
export function formatTime(s: string | null | undefined): string {
  const m = s ? /[T ](\d{2}:\d{2})/.exec(s) : null
  return m ? m[1] : ''
}

/** An activity's time span: "2026-11-24 09:00–11:00", or both ends in full on different days. */
export function formatSpan(start: string, end: string): string {
  if (start.slice(0, 10) === end.slice(0, 10)) return `${formatDateTime(start)}–${formatTime(end)}`
  return `${formatDateTime(start)} 至 ${formatDateTime(end)}`
}

/** 出生年月 as rosters write it: "1985-03-12" → "1985.03". */
export function formatBirthMonth(s: string | null | undefined): string {
  const m = s ? /^(\d{4})-(\d{2})/.exec(s) : null
  return m ? `${m[1]}.${m[2]}` : ''
}

/** A 0–1 share as "12.3%"; "—" when there is none. */
export function formatPercent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—'
  return `${(share * 100).toFixed(digits)}%`
}

/** 出勤率 with its counts, as the core writes it: "92.3%（24/26）"; "—" when nobody was expected. */
export function formatRate(c: Pick<Counts, 'rate' | 'attended' | 'invited' | 'leave'>): string {
  if (c.rate === null || c.rate === undefined) return '—'
  return `${(c.rate * 100).toFixed(1)}%（${c.attended}/${c.invited - c.leave}）`
}

/** An age like 41.26 as "41.3 岁"; "—" when there is none. */
export function formatAge(age: number | null | undefined): string {
  if (age === null || age === undefined || !Number.isFinite(age)) return '—'
  return `${age.toFixed(1)} 岁`
}

/** The next full hour after `now` (09:00 stays 10:00: a new activity starts in the future). */
export function nextFullHour(now: Date): Date {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours() + 1, 0, 0)
  return d
}

/** `d` moved by `hours` hours. */
export function addHours(d: Date, hours: number): Date {
  return new Date(d.getTime() + hours * 3600_000)
}

/** Default start and end of a new activity: the next full hour, two hours long. */
export function defaultActivityTimes(now: Date): { starts_at: string; ends_at: string } {
  const start = nextFullHour(now)
  return { starts_at: toDateTimeStr(start), ends_at: toDateTimeStr(addHours(start, 2)) }
}

/** First and last day of the month containing `d`. */
export function monthRange(d: Date): { from: string; to: string } {
  const first = new Date(d.getFullYear(), d.getMonth(), 1)
  const last = new Date(d.getFullYear(), d.getMonth() + 1, 0)
  return { from: toDateStr(first), to: toDateStr(last) }
}

/** Days added to a "YYYY-MM-DD". */
export function addDays(s: string, days: number): string {
  const d = parseLocal(s)
  if (!d) return s
  d.setDate(d.getDate() + days)
  return toDateStr(d)
}

/** Empty or blank text as null, other text trimmed: what optional fields send to the core. */
export function blankToNull(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null
  const t = String(s).trim()
  return t === '' ? null : t
}

/** The Element Plus tag colour for an attendance status label (出席 / 迟到 / 请假 / 缺席 / 未签到). */
export function statusTag(r: { status: string | null }): '' | 'success' | 'warning' | 'info' | 'danger' {
  switch (r.status) {
    case '出席':
      return 'success'
    case '迟到':
      return 'warning'
    case '请假':
      return 'info'
    case '缺席':
      return 'danger'
    default:
      return ''
  }
}

/** 张三（工号 10001）, or 张三 for someone known only by the 身份证号 (the core's `who`). */
export function who(p: { name: string; employee_no: string | null } | null | undefined): string {
  if (!p) return ''
  return p.employee_no ? `${p.name}（工号 ${p.employee_no}）` : p.name
}
