// Invitees and check-in: who is expected, the attendance sheet, checking in (desk and kiosk),
// statuses, and the attendance rates.
import { call } from './transport'
import type { AbsenceRun, AbsentPage, ActivityKind, CheckIn, Counts, DateStr, DateTimeStr, KindTable, PersonAttendance, PersonFilter, PersonRate, Sheet, UnitRate } from './types'

/** How many were added. With a `filter`, each unit (or the whole company) is narrowed by it. */
export const invite = (activity_id: number, unit_ids: number[], filter: PersonFilter | null, person_ids: number[]) =>
  call<number>('invite', { activity_id, unit_ids, filter, person_ids })
export const uninvite = (activity_id: number, person_id: number) => call<void>('uninvite', { activity_id, person_id })
export const attendanceSheet = (activity_id: number) => call<Sheet>('attendance_sheet', { activity_id })
export const checkIn = (activity_id: number, person_id: number, walk_in: boolean) =>
  call<CheckIn>('check_in', { activity_id, person_id, walk_in })
/** `key` is a 工号 (scanner) or a name. */
export const kioskCheckIn = (activity_id: number, key: string, walk_in: boolean) =>
  call<CheckIn>('kiosk_check_in', { activity_id, key, walk_in })
/** 补录 after the start; `at` null means the activity's start. */
export const attendanceBackfill = (activity_id: number, person_id: number, at: DateTimeStr | null, walk_in: boolean) =>
  call<CheckIn>('attendance_backfill', { activity_id, person_id, at, walk_in })
export const setStatus = (activity_id: number, person_id: number, status: string | null, reason: string | null) =>
  call<Counts>('set_status', { activity_id, person_id, status, reason })

// `kinds`: only activities of these kinds; empty: every kind.
export function attendanceRates(by: 'unit', from: DateStr, to: DateStr, unit_id?: number | null, kinds?: ActivityKind[]): Promise<UnitRate[]>
export function attendanceRates(by: 'person', from: DateStr, to: DateStr, unit_id?: number | null, kinds?: ActivityKind[]): Promise<PersonRate[]>
export function attendanceRates(by: 'unit' | 'person', from: DateStr, to: DateStr, unit_id: number | null = null, kinds: ActivityKind[] = []) {
  return call<UnitRate[] | PersonRate[]>('attendance_rates', { by, from, to, unit_id, kinds })
}

/** One person's held activities in the period, newest first, with the counts of `attendanceRates` by person. */
export const personAttendance = (person_id: number, from: DateStr, to: DateStr, kinds: ActivityKind[] = []) =>
  call<PersonAttendance>('person_attendance', { person_id, from, to, kinds })

/** 未出勤名单 as the screen pages it: `limit` people from `offset`, most absences first, each with their absences and leaves; `total` people in all. */
export const attendanceAbsentGroups = (from: DateStr, to: DateStr, unit_id: number | null, kinds: ActivityKind[], offset: number, limit: number) =>
  call<AbsentPage>('attendance_absent_groups', { from, to, unit_id, kinds, offset, limit })

/** 按活动类型: per unit (with its sub-units) and kind, the held activities and their attendance. */
export const attendanceByKind = (from: DateStr, to: DateStr, unit_id: number | null, kinds: ActivityKind[] = []) =>
  call<KindTable>('attendance_by_kind', { from, to, unit_id, kinds })

/** 连续缺席 in the period; `min` defaults to the 设置's threshold. */
export const attendanceAbsenceRuns = (from: DateStr, to: DateStr, unit_id: number | null, kinds: ActivityKind[] = [], min: number | null = null) =>
  call<AbsenceRun[]>('attendance_absence_runs', { from, to, unit_id, kinds, min })

/** The 工作台's reminder: people whose latest activities are a run of absences. */
export const attendanceCurrentRuns = () => call<AbsenceRun[]>('attendance_current_runs')
