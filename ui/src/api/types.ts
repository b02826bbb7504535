// Every TypeScript type that mirrors a Rust type crossing the IPC boundary, in one place. These
// are hand copies for now; they will be generated from the Rust types (ts-rs, bindings.ts) and
// this file will then re-export them. Nothing else under src/ defines such a type.

/** "YYYY-MM-DD" */
export type DateStr = string
/** "YYYY-MM-DDTHH:MM:SS", local time */
export type DateTimeStr = string

/** How every command fails: a stable `code` and a Chinese `message` shown to the user as it is. */
export interface AppError {
  code: string
  message: string
}

// ---------- App ----------

export interface AppInfo {
  version: string
  db_path: string
  /** null when the database could not be read. */
  schema_version: number | null
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

// ---------- Activities ----------

export interface ActivityFilter {
  from?: DateStr | null
  to?: DateStr | null
  kind?: string | null
  status?: string | null
  organizer_unit_id?: number | null
  search?: string | null
  /** Oldest first instead of newest first. */
  ascending?: boolean
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

// ---------- Dashboard and structure ----------

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
  warnings: (Warning & { population: string })[]
}

// ---------- Printing ----------

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


// ---------- Excel export ----------

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

// ---------- 导入线上签到 ----------

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
