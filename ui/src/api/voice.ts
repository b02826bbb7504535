// 党群沟通: 群众诉求 (with its categories and each step: 交办, 答复, 办结, 上报), 思想动态, 联系点
// (points, plan, visits, coverage), 谈心谈话 (summaries only for whom the core allows) and the
// 职工思想动态分析报告. One function per command of src/api/voice.rs.
import { call } from './transport'
import type {
  Category,
  ConcernDetail,
  ConcernFilter,
  ConcernInput,
  Concern,
  ContactPoint,
  Coverage,
  DateStr,
  DateTimeStr,
  Figures,
  Opinion,
  OpinionFilter,
  OpinionInput,
  Page,
  PlanRow,
  ReportInput,
  Satisfaction,
  SavedReport,
  Talk,
  TalkCoverage,
  TalkFilter,
  TalkInput,
  Visit,
  VisitFilter,
  VisitInput,
} from './types'

// ---------- 群众诉求 ----------

export const concernCategories = (include_retired: boolean) =>
  call<Category[]>('concern_categories', { include_retired })
/** New (id null) or changed category; its id. */
export const concernCategorySave = (id: number | null, name: string, deadline_days: number, retired: boolean) =>
  call<number>('concern_category_save', { id, name, deadline_days, retired })
export const concernList = (filter: ConcernFilter, offset: number, limit: number) =>
  call<Page<Concern>>('concern_list', { filter, offset, limit })
export const concernGet = (id: number) => call<ConcernDetail>('concern_get', { id })
/** The new concern's id. */
export const concernAdd = (input: ConcernInput) => call<number>('concern_add', { input })
export const concernUpdate = (id: number, input: ConcernInput) => call<ConcernDetail>('concern_update', { id, input })
/** 交办: to a unit and / or a person, optionally with a new deadline. */
export const concernAssign = (
  id: number,
  handler_unit_id: number | null,
  handler_person_id: number | null,
  deadline: DateStr | null,
  note: string | null,
) => call<ConcernDetail>('concern_assign', { id, handler_unit_id, handler_person_id, deadline, note })
export const concernReply = (id: number, reply: string, on: DateStr) =>
  call<ConcernDetail>('concern_reply', { id, reply, on })
/** 办结 with the raiser's satisfaction; 不满意 reopens the concern (办理中). */
export const concernClose = (id: number, satisfaction: Satisfaction, on: DateStr, note: string | null) =>
  call<ConcernDetail>('concern_close', { id, satisfaction, on, note })
/** 上报 to the level above. */
export const concernEscalate = (id: number, on: DateStr, to: string, note: string) =>
  call<ConcernDetail>('concern_escalate', { id, on, to, note })

// ---------- 思想动态 ----------

export const opinionList = (filter: OpinionFilter, offset: number, limit: number) =>
  call<Page<Opinion>>('opinion_list', { filter, offset, limit })
export const opinionGet = (id: number) => call<Opinion>('opinion_get', { id })
export const opinionAdd = (input: OpinionInput) => call<number>('opinion_add', { input })
export const opinionUpdate = (id: number, input: OpinionInput) => call<Opinion>('opinion_update', { id, input })
export const opinionMarkReported = (id: number, at: DateTimeStr, to: string) =>
  call<Opinion>('opinion_mark_reported', { id, at, to })

// ---------- 联系点 ----------

/** Every leader's points, or one leader's. */
export const contactPoints = (leader_id: number | null) => call<ContactPoint[]>('contact_points', { leader_id })
export const contactPointAdd = (leader_id: number, unit_id: number, since: DateStr, note: string | null) =>
  call<number>('contact_point_add', { leader_id, unit_id, since, note })
export const contactPointRemove = (id: number) => call<null>('contact_point_remove', { id })
/** The plans set for a year (points without one plan 1 visit a quarter). */
export const contactPlan = (year: number) => call<PlanRow[]>('contact_plan', { year })
export const contactPlanSet = (point_id: number, year: number, per_quarter: number) =>
  call<null>('contact_plan_set', { point_id, year, per_quarter })
export const contactCoverage = (year: number, quarter: number) => call<Coverage>('contact_coverage', { year, quarter })
export const visitList = (filter: VisitFilter, offset: number, limit: number) =>
  call<Page<Visit>>('visit_list', { filter, offset, limit })
export const visitGet = (id: number) => call<Visit>('visit_get', { id })
export const visitAdd = (input: VisitInput) => call<number>('visit_add', { input })
export const visitUpdate = (id: number, input: VisitInput) => call<Visit>('visit_update', { id, input })

// ---------- 谈心谈话 ----------

export const talkList = (filter: TalkFilter, offset: number, limit: number) =>
  call<Page<Talk>>('talk_list', { filter, offset, limit })
export const talkGet = (id: number) => call<Talk>('talk_get', { id })
export const talkAdd = (input: TalkInput) => call<number>('talk_add', { input })
export const talkUpdate = (id: number, input: TalkInput) => call<Talk>('talk_update', { id, input })
/** Per unit (the one asked about, then each below it) and who was not talked with. */
export const talkCoverage = (from: DateStr, to: DateStr, unit_id: number | null) =>
  call<TalkCoverage>('talk_coverage', { from, to, unit_id })

// ---------- 分析报告 ----------

export const opinionReportList = () => call<SavedReport[]>('opinion_report_list')
export const opinionReportGet = (id: number) => call<SavedReport>('opinion_report_get', { id })
/** New (id null) or changed report; its id. */
export const opinionReportSave = (id: number | null, input: ReportInput) =>
  call<number>('opinion_report_save', { id, input })
export const opinionReportDelete = (id: number) => call<null>('opinion_report_delete', { id })
/** The figures the app fills in, computed now for the unit (null: the whole company) and period. */
export const opinionReportFigures = (unit_id: number | null, from: DateStr, to: DateStr) =>
  call<Figures>('opinion_report_figures', { unit_id, from, to })
