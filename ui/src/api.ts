// The one place that talks to the Rust shell. Every command of src-tauri/API.md has one typed
// function here; argument names are snake_case exactly as the handlers expect them, and every
// failure is turned into an AppError whose Chinese message is shown to the user as it is.
import { invoke } from '@tauri-apps/api/core'

/** "YYYY-MM-DD" */
export type DateStr = string
/** "YYYY-MM-DDTHH:MM:SS", local time */
export type DateTimeStr = string

export interface AppError {
  code: string
  message: string
}

export function isAppError(e: unknown): e is AppError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as AppError).code === 'string' &&
    typeof (e as AppError).message === 'string'
  )
}

/** A Tauri rejection is already `{code, message}`; anything else becomes code `internal`. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return { code: e.code, message: e.message }
  return { code: 'internal', message: '操作失败：' + String(e) }
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw toAppError(e)
  }
}

// ---------- App ----------

export interface AppInfo {
  version: string
  db_path: string
  schema_version: number
}

export interface Codes {
  gender: string[]
  political_status: string[]
  education: string[]
  professional_title: string[]
  skill_level: string[]
  retirement_category: string[]
  unit_kind: string[]
  activity_kind: string[]
  activity_mode: string[]
  activity_status: string[]
  attendance_status: string[]
  recurrence: string[]
  ethnicity: string[]
}

export const appInfo = () => call<AppInfo>('app_info')
export const codes = () => call<Codes>('codes')
export const setFullscreen = (fullscreen: boolean) =>
  call<void>('set_fullscreen', { fullscreen })

// ---------- Units ----------

export interface Unit {
  id: number
  uid: string
  name: string
  kind: string
  parent_id: number | null
  path: string
  depth: number
  staff: number
}

export interface UnitNode extends Unit {
  children: UnitNode[]
}

export const unitTree = () => call<UnitNode[]>('unit_tree')
export const unitAdd = (name: string, kind: string | null, parent_id: number | null) =>
  call<Unit>('unit_add', { name, kind, parent_id })
export const unitRename = (id: number, name: string) => call<Unit>('unit_rename', { id, name })
export const unitMove = (id: number, parent_id: number | null) =>
  call<Unit>('unit_move', { id, parent_id })
export const unitDelete = (id: number) => call<void>('unit_delete', { id })

// ---------- Staff ----------

export interface PersonFilter {
  unit_id?: number | null
  search?: string | null
  political_cadre?: boolean | null
  reserve_talent?: boolean | null
  political_status?: string | null
  party_member?: boolean | null
  gender?: string | null
  include_left?: boolean
}

export interface PersonInput {
  employee_no: string
  name: string
  gender: string | null
  birth_date: DateStr | null
  id_number: string | null
  ethnicity: string | null
  political_status: string | null
  education: string | null
  professional_title: string | null
  skill_level: string | null
  position: string | null
  unit_id: number
  work_start_date: DateStr | null
  hire_date: DateStr | null
  phone: string | null
  political_cadre: boolean
  reserve_talent: boolean
  retirement_category: string | null
}

export interface Person extends PersonInput {
  id: number
  uid: string
  gender: string
  birth_date: DateStr
  unit_name: string
  left_date: DateStr | null
  leave_reason: string | null
}

export interface Page<T> {
  total: number
  offset: number
  items: T[]
}

export const personList = (filter: PersonFilter, offset: number, limit: number) =>
  call<Page<Person>>('person_list', { filter, offset, limit })
export const personGet = (id: number, full: boolean) => call<Person>('person_get', { id, full })
export const personAdd = (input: PersonInput) => call<Person>('person_add', { input })
export const personUpdate = (id: number, input: PersonInput) =>
  call<Person>('person_update', { id, input })
export const personLeave = (id: number, date: DateStr, reason: string | null) =>
  call<Person>('person_leave', { id, date, reason })
export const personReinstate = (id: number) => call<Person>('person_reinstate', { id })

// ---------- Activities ----------

export interface ActivityFilter {
  from?: DateStr | null
  to?: DateStr | null
  kind?: string | null
  status?: string | null
  organizer_unit_id?: number | null
  search?: string | null
}

export interface ActivityInput {
  kind: string
  mode: string
  title: string
  starts_at: DateTimeStr
  ends_at: DateTimeStr
  place: string | null
  online_meeting: string | null
  organizer_unit_id: number | null
  host: string | null
  description: string | null
  late_grace_minutes: number
}

export interface Activity extends ActivityInput {
  id: number
  uid: string
  series_uid: string | null
  organizer_name: string | null
  status: string
  summary: string | null
  invited: number
  attended: number
}

export type Repeat = '每周' | '每月'

export const activityList = (filter: ActivityFilter, offset: number, limit: number) =>
  call<Page<Activity>>('activity_list', { filter, offset, limit })
export const activityGet = (id: number) => call<Activity>('activity_get', { id })
export const activityAdd = (input: ActivityInput, repeat: Repeat | null, count: number | null) =>
  call<number[]>('activity_add', { input, repeat, count })
export const activityUpdate = (id: number, input: ActivityInput, series: boolean) =>
  call<number>('activity_update', { id, input, series })
export const activityCancel = (id: number, series: boolean) =>
  call<number>('activity_cancel', { id, series })
export const activitySummary = (id: number, summary: string) =>
  call<Activity>('activity_summary', { id, summary })

// ---------- Invitees and check-in ----------

export interface Counts {
  invited: number
  attended: number
  present: number
  late: number
  leave: number
  absent: number
  not_checked_in: number
  walk_ins: number
  rate: number | null
}

export interface SheetRow {
  person_id: number
  employee_no: string
  name: string
  unit_name: string
  position: string | null
  invited: boolean
  status: string | null
  status_label: string
  checked_in_at: DateTimeStr | null
  leave_reason: string | null
}

export interface Sheet {
  activity: Activity
  counts: Counts
  rows: SheetRow[]
}

export type CheckIn =
  | {
      result: 'recorded'
      person_id: number
      employee_no: string
      name: string
      status: string
      at: DateTimeStr
      walk_in: boolean
    }
  | {
      result: 'already'
      person_id: number
      employee_no: string
      name: string
      status: string
      at: DateTimeStr | null
    }

export interface UnitRate extends Counts {
  unit_id: number
  name: string
  path: string
  depth: number
}

export interface PersonRate extends Counts {
  person_id: number
  employee_no: string
  name: string
  unit_id: number
  unit_name: string
}

export const invite = (
  activity_id: number,
  unit_ids: number[],
  filter: PersonFilter | null,
  person_ids: number[],
) => call<number>('invite', { activity_id, unit_ids, filter, person_ids })
export const uninvite = (activity_id: number, person_id: number) =>
  call<void>('uninvite', { activity_id, person_id })
export const attendanceSheet = (activity_id: number) =>
  call<Sheet>('attendance_sheet', { activity_id })
export const checkIn = (activity_id: number, person_id: number, walk_in: boolean) =>
  call<CheckIn>('check_in', { activity_id, person_id, walk_in })
export const kioskCheckIn = (activity_id: number, key: string, walk_in: boolean) =>
  call<CheckIn>('kiosk_check_in', { activity_id, key, walk_in })
export const setStatus = (
  activity_id: number,
  person_id: number,
  status: string | null,
  reason: string | null,
) => call<Counts>('set_status', { activity_id, person_id, status, reason })

export function attendanceRates(
  by: 'unit',
  from: DateStr,
  to: DateStr,
  unit_id?: number | null,
): Promise<UnitRate[]>
export function attendanceRates(
  by: 'person',
  from: DateStr,
  to: DateStr,
  unit_id?: number | null,
): Promise<PersonRate[]>
export function attendanceRates(
  by: 'unit' | 'person',
  from: DateStr,
  to: DateStr,
  unit_id: number | null = null,
) {
  return call<UnitRate[] | PersonRate[]>('attendance_rates', { by, from, to, unit_id })
}

// ---------- Overview and structure ----------

export type Population = 'all' | 'cadres' | 'reserve' | 'party'

export interface PyramidRow {
  label: string
  male: number
  female: number
}

export interface Share {
  label: string
  count: number
  share: number
}

export interface Structure {
  as_of: DateStr
  population?: Population
  headcount: number
  average_age: number | null
  median_age: number | null
  share_35_and_under: number | null
  share_50_and_over: number | null
  /** 政工干部 and 后备人才 in post in the unit, whatever the population. */
  cadres?: number
  reserves?: number
  reserve_per_cadre?: number | null
  pyramid: PyramidRow[]
  education: Share[]
  professional_title: Share[]
  skill_level: Share[]
  political_status: Share[]
}

export interface Warning {
  code: 'ageing' | 'gap' | 'reserve_shortage' | 'retirement_peak'
  title: string
  message: string
}

export interface Thresholds {
  /** 0–1 */
  ageing_share_50: number
  reserve_per_cadre: number
  /** 0–1 */
  retirement_peak_share: number
}

export interface StructureConfig {
  /** Upper bounds of the age brackets but the last, ascending. */
  brackets: number[]
  thresholds: Thresholds
}

export interface RetirementAge {
  years: number
  months: number
}

export interface Retiree {
  person_id: number
  employee_no: string
  name: string
  unit_name: string
  age: RetirementAge
  date: DateStr
}

export interface RetiringCounts {
  within_1: number
  within_3: number
  within_5: number
}

export interface TrendPoint {
  date: DateStr
  /** 2023年末 / 统计日 / 3年后 */
  label: string
  projected: boolean
  headcount: number
  average_age: number | null
  median_age: number | null
  share_35_and_under: number | null
  share_50_and_over: number | null
  retired: number
}

export interface Analysis {
  structure: Structure
  config: StructureConfig
  warnings: Warning[]
  retiring: Retiree[]
  retiring_within: RetiringCounts
  retiring_by_unit: (RetiringCounts & { unit_name: string })[]
  retirement_category_missing: number
  trend: TrendPoint[]
  outlook: string
}

/** Which chart bar was clicked. */
export type Slice =
  | { dimension: 'age'; bracket: number; gender?: '男' | '女' | null }
  | { dimension: 'education' | 'professional_title' | 'skill_level' | 'political_status'; label: string }
  | { dimension: 'retiring_within'; years: number }

export interface MemberRow {
  person_id: number
  employee_no: string
  name: string
  unit_name: string
  gender: string
  age: number
  retirement_age: string | null
  retirement_date: DateStr | null
}

export interface Dashboard {
  today: DateStr
  upcoming: Activity[]
  latest: Activity[]
  month: Counts
  month_activities: number
  structure: Structure
  /** 队伍结构 warnings of the whole company, for 全体在职职工 and 政工干部. */
  warnings?: (Warning & { population: string })[]
}

export const dashboard = () => call<Dashboard>('dashboard')
export const structure = (
  unit_id: number | null,
  population: Population,
  as_of: DateStr | null,
  years: number | null = null,
) => call<Analysis>('structure', { unit_id, population, as_of, years })
export const structureMembers = (
  unit_id: number | null,
  population: Population,
  as_of: DateStr | null,
  slice: Slice | null,
) => call<MemberRow[]>('structure_members', { unit_id, population, as_of, slice })
export const structureConfigGet = () => call<StructureConfig>('structure_config_get')
export const structureConfigSet = (config: StructureConfig) => call<null>('structure_config_set', { config })

// ---------- Printing and settings ----------

/** 名单排序：姓氏笔画 / 拼音 / 单位 / 工号. */
export type PrintOrder = 'stroke' | 'pinyin' | 'unit' | 'employee-no'

export interface PrintChoices {
  order: PrintOrder
  show_id_number: boolean
  show_phone: boolean
  /** Print ID / phone numbers in full instead of masked. */
  unmask: boolean
}

export type PrintJob =
  | { kind: 'sign_in_sheet'; activity_id: number }
  | { kind: 'attendance_sheet'; activity_id: number }
  | { kind: 'roster'; unit_id: number }
  | { kind: 'ledger'; unit_id: number; from: DateStr; to: DateStr }
  | { kind: 'structure'; unit_id: number | null; population: Population; as_of: DateStr; years?: number }

export interface Printed {
  path: string
  pages: number
  /** Characters the font lacks (printed as “□”); "" when none. */
  missing_glyphs: string
  /** Whether the system PDF viewer was started. */
  opened: boolean
}

/** Known setting keys. */
export type SettingKey = 'pdf_font'

/** Generates the PDF, asks where to save it, writes and opens it; null when the user cancelled. */
export const printDocument = (job: PrintJob, choices: PrintChoices) =>
  call<Printed | null>('print_document', { job, choices })
export const settingGet = (key: SettingKey) => call<string | null>('setting_get', { key })
/** An empty value clears the setting. */
export const settingSet = (key: SettingKey, value: string) => call<null>('setting_set', { key, value })
/** Native open dialog for .ttf/.otf/.ttc; null when cancelled. */
export const pickFontFile = () => call<string | null>('pick_font_file')

// ---------- Excel export and 导入线上签到 ----------

export type ExportJob =
  | { kind: 'people'; filter?: PersonFilter; order?: PrintOrder; full?: boolean }
  | { kind: 'attendance'; activity_id: number; order?: PrintOrder }
  | {
      kind: 'rates'
      from: DateStr
      to: DateStr
      unit_id?: number | null
      by?: 'unit' | 'person' | 'both'
    }
  | { kind: 'ledger'; unit_id?: number | null; from: DateStr; to: DateStr }
  | { kind: 'activities'; filter?: ActivityFilter }
  | { kind: 'structure'; unit_id?: number | null; population?: Population; as_of?: DateStr | null }

export interface Exported {
  path: string
  /** Data rows of the main sheet. */
  rows: number
  sheets: string[]
}

/** Makes the .xlsx, asks where to save it and writes it; null when the user cancelled. */
export const exportXlsx = (job: ExportJob) => call<Exported | null>('export_xlsx', { job })

export interface MeetingMatchedRow {
  row: number
  rows: number[]
  file_name: string
  joined_at: DateTimeStr | null
  left_at: DateTimeStr | null
  minutes: number | null
  person_id: number
  employee_no: string
  name: string
  unit_name: string
  how: string
  /** 出席 / 迟到; null when already checked in (unchanged). */
  status: string | null
  at: DateTimeStr
  current: string | null
  note: string
}

export interface MeetingUnmatchedRow {
  row: number
  rows: number[]
  file_name: string
  employee_no: string | null
  joined_at: DateTimeStr | null
  left_at: DateTimeStr | null
  minutes: number | null
  reason: string
  suggestions: number[]
}

export interface MeetingInvitee {
  person_id: number
  employee_no: string
  name: string
  unit_name: string
  status: string | null
  checked_in_at: DateTimeStr | null
}

export interface MeetingPreview {
  activity_id: number
  activity_title: string
  starts_at: DateTimeStr
  late_after: DateTimeStr
  sheet: string
  header_row: number
  matched: MeetingMatchedRow[]
  unmatched: MeetingUnmatchedRow[]
  problems: string[]
  invitees: MeetingInvitee[]
  not_in_file: number
}

export interface ManualMatch {
  row: number
  person_id: number
}

export interface MeetingApplied {
  present: number
  late: number
  unchanged: number
  manual: number
  unmatched: number
  check_ins: CheckIn[]
}

/** Native open dialog for a meeting's participant export; null when cancelled. */
export const meetingImportPick = () => call<string | null>('meeting_import_pick')
export const meetingImportPreview = (activity_id: number, path: string) =>
  call<MeetingPreview>('meeting_import_preview', { activity_id, path })
export const meetingImportApply = (activity_id: number, path: string, manual: ManualMatch[]) =>
  call<MeetingApplied>('meeting_import_apply', { activity_id, path, manual })
export const meetingImportMatch = (activity_id: number, path: string, manual: ManualMatch[]) =>
  call<MeetingApplied>('meeting_import_match', { activity_id, path, manual })

// ---------- Staff import (导入花名册) ----------

export type ImportField =
  | 'employee_no' | 'name' | 'gender' | 'birth_date' | 'id_number' | 'unit' | 'position'
  | 'education' | 'professional_title' | 'skill_level' | 'political_status' | 'ethnicity'
  | 'work_start_date' | 'hire_date' | 'phone' | 'political_cadre' | 'reserve_talent'
  | 'retirement_category'

export interface ImportColumn {
  index: number
  letter: string
  title: string
  field: ImportField | null
}

export interface ImportMapping {
  /** 1-based, as the sheet numbers it; data starts on the next row. */
  header_row: number
  columns: ImportColumn[]
}

export interface ImportSheet {
  path: string
  sheet_name: string
  row_count: number
  /** The first rows as text, to show where the header is. */
  head: string[][]
  /** null: no header row recognised; the user picks one. */
  mapping: ImportMapping | null
  fields: { key: ImportField; label: string }[]
}

export interface ImportOptions {
  mapping: ImportMapping | null
  create_units: boolean
}

export type ImportAction = '新增' | '更新' | '不变' | '错误'

export interface ImportRow {
  row_no: number
  action: ImportAction
  employee_no: string
  name: string
  unit: string
  changes: string[]
  errors: string[]
  notes: string[]
}

export interface ImportTotals {
  rows: number
  new: number
  updated: number
  unchanged: number
  errors: number
  skipped: number
}

export interface ImportPreview {
  sheet_name: string
  mapping: ImportMapping
  rows: ImportRow[]
  totals: ImportTotals
  new_units: string[]
  committed: boolean
}

/** Event payload of `people_import_progress`. */
export interface ImportProgress {
  done: number
  total: number
}

/** Native open dialog for a roster file; null when cancelled. */
export const peopleImportPick = () => call<string | null>('people_import_pick')
export const peopleImportOpen = (path: string) => call<ImportSheet>('people_import_open', { path })
export const peopleImportMapping = (path: string, header_row: number) =>
  call<ImportMapping>('people_import_mapping', { path, header_row })
export const peopleImportPreview = (path: string, options: ImportOptions) =>
  call<ImportPreview>('people_import_preview', { path, options })
export const peopleImportCommit = (path: string, options: ImportOptions) =>
  call<ImportPreview>('people_import_commit', { path, options })
