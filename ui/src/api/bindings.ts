// Generated from the Rust types by ts-rs (src-tauri/src/contract.rs). Do not edit:
// change the Rust type, then run
//   QUNGONG_WRITE_BINDINGS=1 cargo test -p qungong-desktop contract
/* eslint-disable */

export type Absence = { activity_id: number, activity_title: string, starts_at: string, person_id: number, employee_no: string | null, name: string, unit_name: string, 
/**
 * 缺席 or 请假.
 */
status: AttendanceStatus, leave_reason: string | null, };

export type AbsenceRun = { person_id: number, employee_no: string | null, name: string, unit_name: string, 
/**
 * The longest run in the period.
 */
longest: number, 
/**
 * The run at the end of the period (their latest activities): 0 if they last came.
 */
current: number, };

export type AbsentGroup = { person_id: number, employee_no: string | null, name: string, unit_name: string, absent: Array<Absence>, leave: Array<Absence>, };

export type AbsentPage = { 
/**
 * People with at least one absence or leave in the period (and unit).
 */
total: number, groups: Array<AbsentGroup>, };

export type Account = { id: number, name: string, role: Role, disabled: boolean, locked_until: string | null, last_sign_in: string | null, created_at: string, 
/**
 * The person (职工) the account stands for: he sees the summaries of the 谈心谈话 he held.
 */
person_id: number | null, person_name: string | null, };

export type ActionInfo = { code: string, label: string, };

export type Activity = { id: number, uid: string, series_uid: string | null, kind: ActivityKind, mode: ActivityMode, title: string, starts_at: string, ends_at: string, place: string | null, online_meeting: string | null, organizer_unit_id: number | null, organizer_name: string | null, host: string | null, description: string | null, status: ActivityStatus, summary: string | null, late_grace_minutes: number, 
/**
 * 应到 (invitees).
 */
invited: number, 
/**
 * 实到 (invitees present or late).
 */
attended: number, };

export type ActivityFile = { id: number, uid: string, activity_id: number, kind: AttachmentKind, 
/**
 * The file name as chosen (会议记录.docx).
 */
name: string, mime: string, 
/**
 * Bytes.
 */
size: number, 
/**
 * SHA-256 of the original, lower-case hex.
 */
sha256: string, 
/**
 * Pictures: pixels, upright.
 */
width: number | null, height: number | null, caption: string | null, created_at: string, 
/**
 * The thumbnail as a `data:image/jpeg;base64,…` URL, for pictures, when the list was asked
 * with thumbnails; otherwise null.
 */
thumbnail: string | null, };

export type ActivityFilter = { 
/**
 * First day (inclusive) of the start date.
 */
from?: string | null, 
/**
 * Last day (inclusive) of the start date.
 */
to?: string | null, kind?: ActivityKind | null, status?: ActivityStatus | null, 
/**
 * Organised by this unit or one below it.
 */
organizer_unit_id?: number | null, 
/**
 * Part of the title.
 */
search?: string | null, 
/**
 * Soonest first (for "upcoming"); newest first otherwise.
 */
ascending?: boolean, };

export type ActivityInput = { kind: ActivityKind, mode: ActivityMode, title: string, starts_at: string, ends_at: string, 
/**
 * Where (线下 and 线上线下).
 */
place?: string | null, 
/**
 * The online meeting's name or number (线上 and 线上线下).
 */
online_meeting?: string | null, organizer_unit_id?: number | null, 
/**
 * 主讲人 / 主持人.
 */
host?: string | null, description?: string | null, late_grace_minutes: number, };

export type ActivityKind = "专题讲座" | "歌咏比赛" | "形势任务宣讲" | "职工座谈会" | "主题教育" | "红色教育" | "谈心谈话" | "其他";

export type ActivityMode = "线下" | "线上" | "线上线下";

export type ActivityStatus = "计划" | "已开展" | "已取消";

export type Analysis = { structure: Structure, config: StructureConfig, warnings: Array<Warning>, 
/**
 * Who reaches the retirement age within 5 years, soonest first.
 */
retiring: Array<Retiree>, retiring_within: RetiringCounts, 
/**
 * The same, per unit (the person's own unit), most first.
 */
retiring_by_unit: Array<UnitRetiring>, 
/**
 * Women whose category (干部 / 工人) is not recorded: no retirement date can be given.
 */
retirement_category_missing: number, 
/**
 * A data warning, apart from the structure warnings: people in post by the record past
 * their legal retirement date (their 离职 was probably never entered), longest overdue
 * first. They are counted in every figure above, as the record says they are in post.
 */
overdue: Array<Overdue>, 
/**
 * Past year ends, the date itself, then the projection.
 */
trend: Array<TrendPoint>, 
/**
 * "如不补充新人，5 年后……" in one sentence.
 */
outlook: string, };

export type ApiError = { code: string, message: string, };

export type AppInfo = { version: string, db_path: string, schema_version: number | null, };

export type AttachmentKind = "照片" | "文件";

export type AttendanceStatus = "出席" | "迟到" | "请假" | "缺席";

export type AuditChange = { table: string, table_label: string, record_id: number, 
/**
 * 新增 / 修改 / 删除.
 */
op: string, fields: Array<AuditField>, };

export type AuditField = { field: string, label: string, old: string | null, new: string | null, };

export type AuditPage = { total: number, rows: Array<AuditRow>, };

export type AuditQuery = { 
/**
 * Who acted (the account name, exactly).
 */
actor?: string, 
/**
 * The action's code (`person.edit`).
 */
action?: string, 
/**
 * From this day (YYYY-MM-DD), inclusive.
 */
from?: string, 
/**
 * To this day (YYYY-MM-DD), inclusive.
 */
to?: string, 
/**
 * The record concerned: its table (`person`) …
 */
table?: string, 
/**
 * … and id.
 */
record_id?: number, offset: number, limit: number, };

export type AuditRow = { id: number, at: string, actor: string, action: string, action_label: string, detail: string, changes: Array<AuditChange>, };

export type AuthStatus = { state: "setup" | "signed_out" | "locked" | "signed_in" | "damaged", session: SessionInfo | null, damage: DamageInfo | null, };

export type AutoSource = "组织活动次数" | "活动出勤率" | "诉求按期答复率" | "诉求满意率" | "联系点走访覆盖率" | "谈心谈话覆盖率" | "职工座谈会次数" | "35岁及以下职工占比" | "后备人才与政工干部之比";

export type BackupInfo = { 
/**
 * The file name.
 */
file: string, path: string, 
/**
 * When it was made (local time, from its name).
 */
at: string, kind: BackupKind, size_bytes: number, 
/**
 * Its schema version (0 when it cannot be read).
 */
schema_version: number, people: number, activities: number, attendance: number, 
/**
 * The file opens, is complete and holds a 群工台 database (the full integrity check ran
 * when it was written; [`verify`] runs it again).
 */
ok: boolean, 
/**
 * Why it is not ok.
 */
reason: string | null, };

export type BackupKind = "每日" | "退出" | "手动" | "恢复前";

export type Ballot = { person_id: number, indicator_id: number, counts: BallotCounts, };

export type BallotCounts = { excellent: number, competent: number, basic: number, incompetent: number, };

export type BallotPoints = { excellent: number, competent: number, basic: number, incompetent: number, };

export type Band = { from: number, score: number, };

export type BracketsPreview = { 
/**
 * The upper bounds, to send back with the configuration.
 */
brackets: Array<number>, 
/**
 * 30岁及以下, 31–35岁, …, 56岁及以上: what the pyramid will show.
 */
labels: Array<string>, };

export type BulkResult = { 
/**
 * People whose record was changed.
 */
changed: number, 
/**
 * People who already were as asked (left untouched).
 */
unchanged: number, };

export type Candidate = { nomination_id: number, person_id: number | null, unit_id: number | null, 
/**
 * The person's or the unit's name.
 */
name: string, 
/**
 * The person's unit, or the unit's parent.
 */
unit_name: string | null, by_unit_id: number | null, by_unit_name: string | null, deeds: string, checks: Array<RuleCheck>, eligible: boolean, votes: number | null, 
/**
 * Rank by votes among the eligible (competition ranking), once votes are in.
 */
rank: number | null, selected: boolean, 
/**
 * Why not selected though ranked within the quota (a tie at the edge), or the reason
 * it was withdrawn.
 */
note: string | null, withdrawn: string | null, };

export type Category = { id: number, name: string, deadline_days: number, retired: boolean, };

export type CheckIn = { "result": "recorded", person_id: number, employee_no: string | null, name: string, status: AttendanceStatus, at: string, walk_in: boolean, } | { "result": "already", person_id: number, employee_no: string | null, name: string, status: AttendanceStatus, at: string | null, };

export type CheckInPhase = "before" | "open" | "closed";

export type CheckInWindow = { 
/**
 * The first moment a check-in is taken.
 */
opens_at: string, 
/**
 * The first moment it is not any more: 00:00 after the activity's last day.
 */
closes_at: string, 
/**
 * The 设置 value the window was computed with.
 */
open_minutes: number, phase: CheckInPhase, 
/**
 * The activity has started: 缺席 and 补录 can be recorded.
 */
started: boolean, 
/**
 * Why a check-in is refused now, exactly as the core refuses it; None while it is taken.
 */
notice: string | null, };

export type Codes = { gender: Array<string>, political_status: Array<string>, education: Array<string>, 
/**
 * 职称级别 (derived from the title; for filters and figures).
 */
title_level: Array<string>, 
/**
 * The common titles of each series, for the 职称 field's suggestions (others are accepted).
 */
title_series: Array<Series>, skill_level: Array<string>, retirement_category: Array<string>, unit_kind: Array<string>, activity_kind: Array<string>, activity_mode: Array<string>, activity_status: Array<string>, attendance_status: Array<string>, recurrence: Array<string>, ethnicity: Array<string>, concern_source: Array<string>, raiser_kind: Array<string>, concern_status: Array<string>, satisfaction: Array<string>, opinion_kind: Array<string>, opinion_level: Array<string>, opinion_trend: Array<string>, talk_kind: Array<string>, eval_method: Array<string>, auto_source: Array<string>, score_rule: Array<string>, round_kind: Array<string>, round_status: Array<string>, grade: Array<string>, recognition_target: Array<string>, recognition_status: Array<string>, };

export type Concern = { id: number, uid: string, received_on: string, source: ConcernSource, activity_id: number | null, activity_title: string | null, talk_id: number | null, visit_id: number | null, opinion_id: number | null, raiser_kind: RaiserKind, raiser_id: number | null, 
/**
 * The person's name, the group's name, or 匿名.
 */
raiser: string, unit_id: number | null, unit_name: string | null, category_id: number, category: string, content: string, status: ConcernStatus, handler_unit_id: number | null, handler_unit_name: string | null, handler_person_id: number | null, handler_person_name: string | null, deadline: string, reply: string | null, replied_on: string | null, closed_on: string | null, satisfaction: Satisfaction | null, escalated_on: string | null, escalated_to: string | null, escalation_note: string | null, 
/**
 * Not yet answered (已受理 / 办理中) and past its deadline on the day asked about.
 */
overdue: boolean, 
/**
 * Days past the deadline (overdue ones), else 0.
 */
overdue_days: number, };

export type ConcernDetail = { concern: Concern, steps: Array<Step>, };

export type ConcernFilter = { 
/**
 * Received on or after.
 */
from?: string | null, 
/**
 * Received on or before.
 */
to?: string | null, status?: ConcernStatus | null, 
/**
 * Not closed (已受理, 办理中, 已答复).
 */
open?: boolean, 
/**
 * Overdue on `today`.
 */
overdue?: boolean, category_id?: number | null, source?: ConcernSource | null, 
/**
 * About this unit or one below it.
 */
unit_id?: number | null, activity_id?: number | null, opinion_id?: number | null, 
/**
 * Part of the content or the raiser's name.
 */
search?: string | null, };

export type ConcernInput = { received_on: string, source: ConcernSource, 
/**
 * The 座谈会 (or other activity) it was raised at.
 */
activity_id?: number | null, talk_id?: number | null, visit_id?: number | null, opinion_id?: number | null, raiser_kind: RaiserKind, 
/**
 * The person, when `raiser_kind` is 个人.
 */
raiser_id?: number | null, 
/**
 * The group's name (营业班全体 …), when `raiser_kind` is 集体.
 */
raiser_group?: string | null, 
/**
 * The unit it is about.
 */
unit_id?: number | null, category_id: number, content: string, 
/**
 * None: `received_on` + the category's days (working days once a holiday list is set).
 */
deadline?: string | null, };

export type ConcernSource = "座谈会" | "谈心谈话" | "联系点走访" | "意见箱" | "线上（微信群/公众号）" | "来电来访" | "其他";

export type ConcernStatus = "已受理" | "办理中" | "已答复" | "已办结";

export type ContactPoint = { id: number, leader_id: number, leader_name: string, unit_id: number, unit_name: string, since: string, note: string | null, };

export type Counts = { 
/**
 * 应到: people on the invitee list.
 */
invited: number, 
/**
 * 实到: invitees present or late.
 */
attended: number, present: number, late: number, leave: number, 
/**
 * 缺席: marked absent, or not checked in at a held activity whose day is over.
 */
absent: number, 
/**
 * 未签到: invitees with no status who may still come. Once the activity's day is over they
 * are 缺席 instead, so 实到 + 请假 + 缺席 + 未签到 = 应到 always.
 */
not_checked_in: number, 
/**
 * Came without being invited; not part of the rate.
 */
walk_ins: number, 
/**
 * 出勤率 = 实到 / (应到 − 请假); None when nobody was expected.
 */
rate: number | null, };

export type Coverage = { year: number, quarter: number, points: Array<PointCoverage>, 
/**
 * Points with visits ≥ planned, and all points with a plan above 0.
 */
covered: number, total: number, };

export type DamageInfo = { message: string, backup: BackupInfo | null, };

export type Dashboard = { today: string, 
/**
 * Planned activities from today on, soonest first.
 */
upcoming: Array<Activity>, 
/**
 * The latest held activities.
 */
latest: Array<Activity>, 
/**
 * Attendance over this month's held activities.
 */
month: Counts, month_activities: number, 
/**
 * The whole company's staff structure today.
 */
structure: Structure, 
/**
 * 队伍结构 warnings for the whole company: all staff, then the 政工干部.
 */
warnings: Array<ScopedWarning>, 
/**
 * A data warning: people in post by the record past their legal retirement date, longest
 * overdue first.
 */
overdue: Array<Overdue>, 
/**
 * Women in post without 干部 / 工人 recorded: not judged for `overdue`.
 */
retirement_category_missing: number, 
/**
 * How many units there are, and people without a 离职 recorded: the 工作台 shows how to
 * begin while either is 0 (a new database).
 */
unit_count: number, staff_count: number, 
/**
 * 党群沟通: concerns not yet 已办结, and of them those past their deadline unanswered.
 */
concerns_open: number, concerns_overdue: number, 
/**
 * The most overdue concerns (at most 8).
 */
overdue_concerns: Array<Concern>, 
/**
 * 重大 opinion entries not reported up within the time set in 设置, oldest first.
 */
unreported_opinions: Array<Opinion>, 
/**
 * This quarter's contact points short of their planned visits.
 */
unvisited_points: Array<PointCoverage>, 
/**
 * 考核 waiting for marks (评分中) or for the subjects' confirmation (结果反馈).
 */
eval_waiting: Array<RoundWaiting>, };

export type Education = "研究生" | "大学本科" | "大学专科" | "中专" | "高中" | "初中" | "小学" | "其他";

export type EvalHistoryRow = { round_id: number, round_name: string, kind: RoundKind, period_from: string, period_to: string, status: RoundStatus, total: number | null, rank: number | null, 
/**
 * Of how many evaluated.
 */
of: number, grade: Grade | null, };

export type EvalMethod = "系统数据" | "评委打分" | "民主测评";

export type ExportJob = { "kind": "people", filter?: PersonFilter, order?: PrintOrder, full?: boolean, } | { "kind": "attendance", activity_id: number, order?: PrintOrder, } | { "kind": "rates", from: string, to: string, unit_id?: number | null, by?: RatesBy, 
/**
 * Only activities of these kinds; empty: every kind.
 */
kinds?: Array<ActivityKind>, } | { "kind": "ledger", unit_id?: number | null, from: string, to: string, } | { "kind": "activities", filter?: ActivityFilter, } | { "kind": "structure", unit_id?: number | null, population?: Population, 
/**
 * Default: today.
 */
as_of?: string | null, } | { "kind": "audit", query: AuditQuery, } | { "kind": "concerns", filter?: ConcernFilter, } | { "kind": "opinions", filter?: OpinionFilter, } | { "kind": "visits", filter?: VisitFilter, } | { "kind": "talks", filter?: TalkFilter, summaries?: boolean, } | { "kind": "contact_coverage", year: number, quarter: number, } | { "kind": "talk_coverage", from: string, to: string, unit_id?: number | null, } | { "kind": "eval_results", round_id: number, } | { "kind": "recognition_candidates", round_id: number, } | { "kind": "honours", filter?: HonourFilter, } | { "kind": "eval_history", person_id: number, };

export type Exported = { path: string, 
/**
 * Data rows of the main sheet (people, activities, units …).
 */
rows: number, sheets: Array<string>, };

export type Figures = { period: Period, unit_id: number | null, 
/**
 * The unit's name, or the company's (the root unit) for the whole company.
 */
unit_name: string, 
/**
 * Concerns received in the period (about the unit or below it).
 */
concerns: number, by_category: Array<Tally>, by_unit: Array<Tally>, by_status: Array<Tally>, by_source: Array<Tally>, 
/**
 * Of the period's concerns answered (已答复 / 已办结): how many by their deadline.
 */
answered: number, answered_on_time: number, on_time_rate: number | null, 
/**
 * Still open and past the deadline at the period's end.
 */
overdue: number, 
/**
 * Rated concerns, and of them 满意 / 基本满意 / 不满意.
 */
rated: number, satisfied: number, basically_satisfied: number, unsatisfied: number, 
/**
 * (满意 + 基本满意) ÷ rated.
 */
satisfaction_rate: number | null, escalated: number, 
/**
 * Opinion entries observed in the period.
 */
opinions: number, by_level: Array<Tally>, by_trend: Array<Tally>, 
/**
 * 重大 entries not reported in time.
 */
grave_unreported: number, 
/**
 * The most frequent topics: concern categories and opinion titles' categories, most first
 * (at most 5).
 */
top_topics: Array<Tally>, 
/**
 * 职工座谈会 held in the period (organised by the unit or below it).
 */
forums: number, talks: number, 
/**
 * Share of staff in post talked with at least once in the period.
 */
talk_staff: number, talk_talked: number, talk_coverage: number | null, visits: number, 
/**
 * Contact points (in the unit) and, of them, visited at least once in the period.
 */
points: number, points_visited: number, visit_coverage: number | null, };

export type Gender = "男" | "女";

export type Grade = "优秀" | "称职" | "基本称职" | "不称职";

export type GradeBands = { excellent: number, competent: number, basic: number, };

export type HistoryRow = { activity_id: number, title: string, kind: ActivityKind, starts_at: string, 
/**
 * The organising unit's name, if one was set.
 */
organizer_name: string | null, 
/**
 * false: came without being on the list (not part of the rate).
 */
invited: boolean, status: AttendanceStatus | null, 
/**
 * 出席 / 迟到 / 请假 / 缺席, or 未签到 while the activity's day is not over.
 */
status_label: string, checked_in_at: string | null, leave_reason: string | null, };

export type Honour = { id: number, uid: string, 
/**
 * The person's or the unit's name.
 */
holder: string, 
/**
 * The person's unit (people), or the unit's parent (units).
 */
unit_name: string | null, round_id: number | null, person_id?: number | null, unit_id?: number | null, title: string, year: number, awarded_on: string, granted_by?: string | null, note?: string | null, };

export type HonourFilter = { year?: number | null, unit_id?: number | null, person_id?: number | null, search?: string | null, };

export type HonourInput = { person_id?: number | null, unit_id?: number | null, title: string, year: number, awarded_on: string, granted_by?: string | null, note?: string | null, };

export type ImportAction = "新增" | "更新" | "不变" | "错误" | "跳过";

export type ImportColumn = { 
/**
 * 0-based column index.
 */
index: number, 
/**
 * Column letter as Excel shows it (A, B, … AA).
 */
letter: string, 
/**
 * The header as written in the sheet.
 */
title: string, 
/**
 * The field it holds; None: ignored.
 */
field: ImportField | null, };

export type ImportField = "employee_no" | "name" | "gender" | "birth_date" | "id_number" | "unit" | "position" | "education" | "professional_title" | "skill_level" | "political_status" | "ethnicity" | "work_start_date" | "hire_date" | "phone" | "political_cadre" | "reserve_talent" | "retirement_category";

export type ImportFieldLabel = { key: ImportField, label: string, };

export type ImportMapping = { 
/**
 * The header row as the sheet numbers it (1-based); data starts on the next row.
 */
header_row: number, columns: Array<ImportColumn>, };

export type ImportOptions = { 
/**
 * The mapping to use; None: [`auto_mapping`].
 */
mapping?: ImportMapping | null, 
/**
 * Create the units a row names that are not in the tree (else such rows are errors).
 */
create_units?: boolean, 
/**
 * 导入到: the unit the sheet belongs to. Its rows' 部门 / 班组 are matched below it and
 * missing ones created below it (as siblings, see `unit_match`); a row without a unit
 * goes to it (a stored person already below it stays in their unit). None: units are
 * matched from the top of the tree.
 */
target_unit_id?: number | null, };

export type ImportPreview = { sheet_name: string, mapping: ImportMapping, rows: Array<ImportRow>, totals: ImportTotals, 
/**
 * Units that are (or, in a dry run, would be) created, as paths.
 */
new_units: Array<string>, 
/**
 * 导入到: the path of the unit the sheet was imported into, if one was chosen.
 */
target: string | null, 
/**
 * Problems of the sheet as a whole, each also on its rows: the units rows name that are
 * not in the tree ("表中有 3 个单位不存在：…").
 */
problems: Array<string>, 
/**
 * Remarks on the sheet as a whole: people without 工号 and how they are found, 班组
 * created under the company for want of a target.
 */
notes: Array<string>, 
/**
 * True when the rows were written ([`commit`]); false for a dry run.
 */
committed: boolean, };

export type ImportProgress = { done: number, total: number, };

export type ImportRow = { 
/**
 * The row number the sheet shows (1-based, as in Excel).
 */
row_no: number, action: ImportAction, employee_no: string, name: string, 
/**
 * The unit's path in the tree (or as written, when it is not found).
 */
unit: string, 
/**
 * For 更新: what changes, "岗位：班员 → 班长" (ID and phone numbers masked).
 */
changes: Array<string>, 
/**
 * For 错误: why, "行 17：身份证号校验位错误（按 GB 11643 应为 8）".
 */
errors: Array<string>, 
/**
 * Remarks that do not stop the row, e.g. a unit to be created; for 跳过, why
 * ("表尾：制表人：王芳 审核：李军").
 */
notes: Array<string>, };

export type ImportSheet = { path: string, sheet_name: string, 
/**
 * Rows in the sheet (blank ones included).
 */
row_count: number, 
/**
 * The first rows as text (up to 30), to show where the header is.
 */
head: Array<Array<string>>, 
/**
 * The mapping found from the headers; `null` when no header row was recognised (the user
 * then picks the header row).
 */
mapping: ImportMapping | null, fields: Array<ImportFieldLabel>, };

export type ImportTotals = { 
/**
 * Rows about people: 新增 + 更新 + 不变 + 错误.
 */
rows: number, new: number, updated: number, unchanged: number, errors: number, 
/**
 * Rows listed as 跳过: footers and notes under the table, repeated headers.
 */
skipped: number, 
/**
 * Blank rows and rows with nothing in the mapped columns (a 序号 alone), not listed.
 */
blank: number, };

export type Indicator = { id: number, 
/**
 * 思想政治工作, 组织人事工作, 宣传工作, 统战工作 …
 */
category: string, name: string, 
/**
 * Share of the total, in points (the weights of a system sum to 100); one decimal.
 */
weight: number, method: EvalMethod, 
/**
 * [`EvalMethod::Auto`]: which figure.
 */
source?: AutoSource | null, 
/**
 * [`EvalMethod::Auto`]: how the figure becomes a score.
 */
rule?: ScoreRule | null, 
/**
 * [`ScoreRule::Proportional`]: the figure that earns 100 (rates in percent: 95 = 95%).
 */
target?: number | null, 
/**
 * [`ScoreRule::Bands`]: best first, each "at least this figure → this score".
 */
bands: Array<Band>, note?: string | null, };

export type IndicatorInput = { 
/**
 * 思想政治工作, 组织人事工作, 宣传工作, 统战工作 …
 */
category: string, name: string, 
/**
 * Share of the total, in points (the weights of a system sum to 100); one decimal.
 */
weight: number, method: EvalMethod, 
/**
 * [`EvalMethod::Auto`]: which figure.
 */
source?: AutoSource | null, 
/**
 * [`EvalMethod::Auto`]: how the figure becomes a score.
 */
rule?: ScoreRule | null, 
/**
 * [`ScoreRule::Proportional`]: the figure that earns 100 (rates in percent: 95 = 95%).
 */
target?: number | null, 
/**
 * [`ScoreRule::Bands`]: best first, each "at least this figure → this score".
 */
bands: Array<Band>, note?: string | null, };

export type IndicatorScore = { indicator_id: number, 
/**
 * The figure of an automatic indicator (rates in percent), the evaluators' average, or the
 * ballot score; None when there is nothing to read.
 */
figure: number | null, 
/**
 * 0–100.
 */
score: number, 
/**
 * How it was reached, in words (e.g. "出勤率 87.5%，目标 95%：87.5 ÷ 95 × 100 = 92.11";
 * "5 位评委，去掉最高 98、最低 70，3 位平均 86.33"; "本期无数据（无已答复的诉求），按满分计";
 * "尚无评委打分").
 */
basis: string, };

export type KindCell = { kind: ActivityKind, 
/**
 * Held activities of this kind in the period.
 */
activities: number, 
/**
 * Their attendance.
 */
counts: Counts, };

export type KindTable = { 
/**
 * The columns: the chosen kinds, or (none chosen) every kind held in the period and scope,
 * in the code table's order.
 */
kinds: Array<ActivityKind>, 
/**
 * Units in tree order (the chosen unit's subtree), then the unassigned row if any.
 */
rows: Array<UnitKinds>, };

export type ManualMatch = { row: number, person_id: number, };

export type Mark = { person_id: number, indicator_id: number, evaluator: string, mark: number, };

export type MarkInput = { person_id: number, indicator_id: number, 
/**
 * 0–100, or None to clear that mark.
 */
mark?: number | null, };

export type MarksEntered = { indicator_id: number, count: number, };

export type MeetingApplied = { 
/**
 * Checked in as 出席.
 */
present: number, 
/**
 * Checked in as 迟到.
 */
late: number, 
/**
 * Already checked in: unchanged.
 */
unchanged: number, 
/**
 * Of the above, matched by hand.
 */
manual: number, 
/**
 * Rows left unmatched (not imported).
 */
unmatched: number, check_ins: Array<CheckIn>, };

export type MeetingInvitee = { person_id: number, employee_no: string, name: string, unit_name: string, 
/**
 * Current status (None: not checked in).
 */
status: AttendanceStatus | null, checked_in_at: string | null, };

export type MeetingMatchedRow = { row: number, rows: Array<number>, 
/**
 * The name in the file.
 */
file_name: string, joined_at: string | null, left_at: string | null, minutes: number | null, person_id: number, employee_no: string, name: string, unit_name: string, 
/**
 * 工号, 姓名, 昵称中的姓名, 姓名和单位, 手动匹配.
 */
how: string, 
/**
 * What will be recorded: 出席 or 迟到; None when nothing changes (already checked in).
 */
status: AttendanceStatus | null, 
/**
 * The check-in time that will be recorded.
 */
at: string, 
/**
 * The status now (None: not checked in).
 */
current: AttendanceStatus | null, 
/**
 * "已签到（出席 08:58），不变", "原为请假", "同一人在文件中有多条记录，按最早入会时间" …
 */
note: string, };

export type MeetingPreview = { activity_id: number, activity_title: string, starts_at: string, 
/**
 * Joins after this are 迟到.
 */
late_after: string, sheet: string, header_row: number, 
/**
 * One per invitee found (several rows of the same person merged).
 */
matched: Array<MeetingMatchedRow>, unmatched: Array<MeetingUnmatchedRow>, problems: Array<string>, 
/**
 * The invitee list, for matching by hand.
 */
invitees: Array<MeetingInvitee>, 
/**
 * Invitees not checked in and not found in the file.
 */
not_in_file: number, };

export type MeetingUnmatchedRow = { row: number, rows: Array<number>, file_name: string, employee_no: string | null, joined_at: string | null, left_at: string | null, minutes: number | null, reason: string, 
/**
 * Invitees it may be (two of the same name): offered first when matching by hand.
 */
suggestions: Array<number>, };

export type MemberRow = { person_id: number, employee_no: string | null, name: string, unit_name: string, gender: Gender, age: number, 
/**
 * 60岁3个月; None for a woman without 干部 / 工人 recorded.
 */
retirement_age: string | null, retirement_date: string | null, };

export type NominationInput = { 
/**
 * A person (person rounds) …
 */
person_id?: number | null, 
/**
 * … or a unit (unit rounds).
 */
unit_id?: number | null, 
/**
 * The unit that nominates.
 */
by_unit_id?: number | null, 
/**
 * 主要事迹.
 */
deeds: string, };

export type NotTalked = { person_id: number, name: string, unit_name: string, };

export type Opinion = { id: number, uid: string, observed_at: string, kind: OpinionKind, channel: string | null, title: string, detail: string | null, unit_ids: Array<number>, 
/**
 * The units' names, joined with 、.
 */
units: string, level: OpinionLevel, trend: OpinionTrend, assessment: string | null, measures: string | null, reported_at: string | null, reported_to: string | null, 
/**
 * When a 重大 entry must be reported by (observed_at + the hours in 设置); None otherwise.
 */
report_due: string | null, 
/**
 * A 重大 entry not reported by `report_due` at the time asked about (reported late counts
 * as not flagged once reported; `reported_late` says it).
 */
unreported_flag: boolean, reported_late: boolean, 
/**
 * Concerns created from this entry.
 */
concern_ids: Array<number>, };

export type OpinionFilter = { from?: string | null, to?: string | null, kind?: OpinionKind | null, level?: OpinionLevel | null, trend?: OpinionTrend | null, 
/**
 * Concerning this unit or one below it.
 */
unit_id?: number | null, 
/**
 * 重大 and not reported in time (as of now).
 */
unreported?: boolean, search?: string | null, };

export type OpinionInput = { observed_at: string, kind: OpinionKind, 
/**
 * Where: 班组会 / 微信群 / 某论坛 …
 */
channel?: string | null, 
/**
 * What was observed, in a line.
 */
title: string, detail?: string | null, 
/**
 * The units it concerns.
 */
unit_ids: Array<number>, level: OpinionLevel, trend: OpinionTrend, 
/**
 * 研判意见.
 */
assessment?: string | null, 
/**
 * 处置措施.
 */
measures?: string | null, };

export type OpinionKind = "内部思想动态" | "网络舆情";

export type OpinionLevel = "一般" | "较大" | "重大";

export type OpinionTrend = "平稳" | "升温" | "降温";

export type Overdue = { person_id: number, employee_no: string | null, name: string, unit_name: string, gender: Gender, 
/**
 * The legal retirement age.
 */
age: RetirementAge, 
/**
 * The legal retirement date: the 离职 date 办理退休 records.
 */
date: string, };

export type OverdueList = { 
/**
 * Longest overdue first.
 */
people: Array<Overdue>, 
/**
 * Women in post without 干部 / 工人 recorded: whether they are past the date is unknown,
 * so they are counted here and not listed.
 */
retirement_category_missing: number, };

export type Page<T> = { total: number, offset: number, items: Array<T>, };

export type Period = { from: string, to: string, };

export type Person = { id: number, uid: string, 
/**
 * None for people known only by their ID number.
 */
employee_no: string | null, name: string, gender: Gender, birth_date: string, id_number: string | null, ethnicity: string | null, political_status: PoliticalStatus | null, education: Education | null, 
/**
 * 职称 as written.
 */
professional_title: string | null, 
/**
 * Its level, derived from the name.
 */
title_level: TitleLevel | null, skill_level: SkillLevel | null, position: string | null, unit_id: number, unit_name: string, work_start_date: string | null, hire_date: string | null, phone: string | null, political_cadre: boolean, reserve_talent: boolean, retirement_category: RetirementCategory | null, 
/**
 * None while in post (在职).
 */
left_date: string | null, leave_reason: string | null, };

export type PersonAttendance = { person_id: number, 
/**
 * Over the period, by the rules of [`super::rates_by_person`] (all zero when nothing counts).
 */
counts: Counts, 
/**
 * Newest first.
 */
rows: Array<HistoryRow>, };

export type PersonFilter = { 
/**
 * The unit and everything below it.
 */
unit_id?: number | null, 
/**
 * Name (part of it), pinyin initials (`zs` finds 张三) or 工号 (its beginning).
 */
search?: string | null, political_cadre?: boolean | null, reserve_talent?: boolean | null, political_status?: PoliticalStatus | null, 
/**
 * 中共党员 and 中共预备党员.
 */
party_member?: boolean | null, gender?: Gender | null, 
/**
 * Also people who have left (离职).
 */
include_left?: boolean, };

export type PersonFlag = "political_cadre" | "reserve_talent";

export type PersonInput = { 
/**
 * 工号; may be left empty when an ID number is given (the person is then known by it).
 */
employee_no?: string | null, name: string, 
/**
 * May be left empty when an ID number is given (it is derived from it).
 */
gender?: Gender | null, 
/**
 * May be left empty when an ID number is given (it is derived from it).
 */
birth_date?: string | null, id_number?: string | null, ethnicity?: string | null, political_status?: PoliticalStatus | null, education?: Education | null, 
/**
 * 职称 as written (高级工程师 …); its level is derived (see [`crate::titles`]).
 */
professional_title?: string | null, skill_level?: SkillLevel | null, position?: string | null, unit_id?: number, work_start_date?: string | null, hire_date?: string | null, phone?: string | null, political_cadre?: boolean, reserve_talent: boolean, 
/**
 * Women only: 干部 or 工人 (their original legal retirement ages differ).
 */
retirement_category?: RetirementCategory | null, };

export type PersonRate = { person_id: number, employee_no: string | null, name: string, unit_id: number, unit_name: string, 
/**
 * 应到: people on the invitee list.
 */
invited: number, 
/**
 * 实到: invitees present or late.
 */
attended: number, present: number, late: number, leave: number, 
/**
 * 缺席: marked absent, or not checked in at a held activity whose day is over.
 */
absent: number, 
/**
 * 未签到: invitees with no status who may still come. Once the activity's day is over they
 * are 缺席 instead, so 实到 + 请假 + 缺席 + 未签到 = 应到 always.
 */
not_checked_in: number, 
/**
 * Came without being invited; not part of the rate.
 */
walk_ins: number, 
/**
 * 出勤率 = 实到 / (应到 − 请假); None when nobody was expected.
 */
rate: number | null, };

export type PlanRow = { point_id: number, year: number, per_quarter: number, };

export type PointCoverage = { point: ContactPoint, 
/**
 * Visits planned in the quarter (the year's plan; 1 when none is set).
 */
planned: number, visits: number, last_visit: string | null, 
/**
 * visits < planned.
 */
short: boolean, };

export type PoliticalStatus = "中共党员" | "中共预备党员" | "共青团员" | "民革党员" | "民盟盟员" | "民建会员" | "民进会员" | "农工党党员" | "致公党党员" | "九三学社社员" | "台盟盟员" | "无党派人士" | "群众";

export type Population = "all" | "cadres" | "reserve" | "party";

export type PrintChoices = { order: PrintOrder, show_id_number: boolean, show_phone?: boolean, unmask: boolean, font?: string | null, };

export type PrintJob = { "kind": "sign_in_sheet", activity_id: number, } | { "kind": "attendance_sheet", activity_id: number, } | { "kind": "activity_record", activity_id: number, } | { "kind": "roster", unit_id: number, } | { "kind": "ledger", unit_id: number, from: string, to: string, } | { "kind": "structure", unit_id: number | null, population: Population, as_of: string, years: number, } | { "kind": "attendance_stats", tab: StatsTab, from: string, to: string, unit_id?: number | null, 
/**
 * Only activities of these kinds; empty: every kind.
 */
kinds?: Array<ActivityKind>, } | { "kind": "concern_escalation", concern_id: number, } | { "kind": "opinion_report", report_id: number, } | { "kind": "eval_results", round_id: number, } | { "kind": "eval_feedback", round_id: number, person_id?: number | null, } | { "kind": "ballot_sheet", round_id: number, filled?: boolean, } | { "kind": "recognition_notice", round_id: number, } | { "kind": "honours", filter?: HonourFilter, };

export type PrintOrder = "stroke" | "pinyin" | "unit" | "employee-no";

export type Printed = { path: string, pages: number, 
/**
 * Characters the font lacks (printed as □).
 */
missing_glyphs: string, 
/**
 * Whether the system PDF viewer was started.
 */
opened: boolean, };

export type PyramidRow = { label: string, male: number, female: number, };

export type RaiserKind = "个人" | "匿名" | "集体";

export type RateQuery = { 
/**
 * First day, inclusive (of the activity's start).
 */
from: string, 
/**
 * Last day, inclusive.
 */
to: string, 
/**
 * People now in this unit or below; None: everyone.
 */
unit_id: number | null, 
/**
 * Only activities of these kinds; empty: every kind.
 */
kinds?: Array<ActivityKind>, };

export type RatesBy = "unit" | "person" | "both" | "kind" | "absent";

export type RatesByArg = "unit" | "person";

export type RecognitionInput = { 
/**
 * e.g. 2026年度优秀政工干部评选.
 */
name: string, 
/**
 * The honour it awards, e.g. 优秀政工干部.
 */
honour_title: string, year: number, target: RecognitionTarget, 
/**
 * Places.
 */
quota: number, rules: Array<Rule>, 
/**
 * Who grants the honour (printed on the 公示 and the honours), e.g. 国网示范县供电公司.
 */
granted_by?: string | null, };

export type RecognitionRound = { id: number, uid: string, input: RecognitionInput, status: RecognitionStatus, notice_from: string | null, notice_to: string | null, confirmed_on: string | null, candidates: Array<Candidate>, };

export type RecognitionStatus = "推荐中" | "投票中" | "公示中" | "已确认";

export type RecognitionSummary = { id: number, name: string, honour_title: string, year: number, target: RecognitionTarget, quota: number, status: RecognitionStatus, candidates: number, selected: number, notice_to: string | null, };

export type RecognitionTarget = "个人" | "集体";

export type Recurrence = "每周" | "每月";

export type ReportInput = { title: string, unit_id?: number | null, period_from: string, period_to: string, 
/**
 * 一、总体情况
 */
overall?: string | null, 
/**
 * 二、主要思想动态
 */
main_trends?: string | null, 
/**
 * 三、原因分析
 */
causes?: string | null, 
/**
 * 四、下一步措施
 */
next_steps?: string | null, };

export type Restored = { 
/**
 * The backup the database was restored from.
 */
from: BackupInfo, 
/**
 * The 恢复前 copy of the database it replaced (none when there was no database file).
 */
before: BackupInfo | null, };

export type Retiree = { person_id: number, employee_no: string | null, name: string, unit_name: string, age: RetirementAge, date: string, };

export type RetirementAge = { years: number, months: number, };

export type RetirementCategory = "干部" | "工人";

export type RetiringCounts = { within_1: number, within_3: number, within_5: number, };

export type Role = "管理员" | "政工干部" | "查看";

export type RoundDetail = { id: number, uid: string, input: RoundInput, status: RoundStatus, system: System, subjects: Array<SubjectResult>, computed_at: string | null, published_at: string | null, 
/**
 * The evaluators who have entered marks, in the order first seen.
 */
evaluators: Array<string>, };

export type RoundInput = { 
/**
 * e.g. 2026年第四季度政工干部日常考核.
 */
name: string, kind: RoundKind, period_from: string, period_to: string, 
/**
 * A system version (the newest, not retired, when the round is made).
 */
system_id: number, grade_bands: GradeBands, 
/**
 * 优秀 quota as a percentage of those evaluated (20 = 20%); None: no quota.
 */
excellent_quota?: number | null, };

export type RoundKind = "日常考核" | "定期考核" | "专项考核";

export type RoundStatus = "评分中" | "结果反馈" | "已公布";

export type RoundSummary = { id: number, name: string, kind: RoundKind, period_from: string, period_to: string, status: RoundStatus, system_id: number, system_name: string, system_version: number, subjects: number, 
/**
 * Subjects still missing a mark from some evaluator or a ballot tally (评分中 only;
 * "missing" = a 'marks' indicator with no mark at all, or a 'ballot' one with no tally).
 */
incomplete: number, 
/**
 * Subjects who have not confirmed (结果反馈 only).
 */
unconfirmed: number, };

export type RoundWaiting = { id: number, name: string, status: RoundStatus, 
/**
 * 评分中: subjects still missing marks or a tally; 结果反馈: subjects not confirmed.
 */
waiting: number, };

export type Rule = { "kind": "in_post" } | { "kind": "political_cadre" } | { "kind": "party_member" } | { "kind": "attendance_at_least", percent: number, } | { "kind": "last_grade_at_least", grade: Grade, };

export type RuleCheck = { rule: Rule, 
/**
 * The rule in words (出勤率不低于 80%).
 */
label: string, passed: boolean, 
/**
 * What was found (出勤率 62.5%; 最近考核：称职（2026年第三季度…）; 无出勤记录).
 */
found: string, };

export type Satisfaction = "满意" | "基本满意" | "不满意";

export type SavedReport = { id: number, uid: string, input: ReportInput, unit_name: string | null, updated_at: string, };

export type ScopedWarning = { 
/**
 * 全体在职职工 / 政工干部.
 */
population: string, 
/**
 * ageing, gap, reserve_shortage, retirement_peak
 */
code: string, 
/**
 * 老龄化, 断层, 后备不足, 退休高峰
 */
title: string, message: string, };

export type ScoreRule = "按目标比例" | "分档计分";

export type Series = { name: string, titles: Array<string>, };

export type SessionInfo = { token: string, account: string, role: Role, idle_minutes: number, };

export type Share = { label: string, count: number, 
/**
 * 0–1 of the headcount.
 */
share: number, };

export type Sheet = { activity: Activity, counts: Counts, 
/**
 * When check-in is taken, as of the moment the sheet was read.
 */
window: CheckInWindow, rows: Array<SheetRow>, };

export type SheetRow = { person_id: number, employee_no: string | null, name: string, unit_name: string, position: string | null, 
/**
 * false: a walk-in.
 */
invited: boolean, status: AttendanceStatus | null, 
/**
 * 出席 / 迟到 / 请假 / 缺席, or 未签到 while the person may still come.
 */
status_label: string, checked_in_at: string | null, leave_reason: string | null, };

export type SkillLevel = "高级技师" | "技师" | "高级工" | "中级工" | "初级工" | "无";

export type Slice = { "dimension": "age", bracket: number, gender?: Gender | null, } | { "dimension": "education", label: string, } | { "dimension": "professional_title", label: string, } | { "dimension": "skill_level", label: string, } | { "dimension": "political_status", label: string, } | { "dimension": "retiring_within", years: number, };

export type StatsTab = "unit" | "person" | "kind" | "absent";

export type Step = { at: string, actor: string, 
/**
 * 受理 / 修改 / 交办 / 答复 / 办结 / 重新办理 / 上报 / 调整期限.
 */
step: string, status: ConcernStatus, note: string | null, };

export type Structure = { as_of: string, population: Population, headcount: number, average_age: number | null, median_age: number | null, share_35_and_under: number | null, share_50_and_over: number | null, 
/**
 * 政工干部 and 后备人才 in post in the unit on the date, whatever the population.
 */
cadres: number, reserves: number, 
/**
 * 后备人才 per 政工干部 (None without cadres).
 */
reserve_per_cadre: number | null, pyramid: Array<PyramidRow>, education: Array<Share>, professional_title: Array<Share>, skill_level: Array<Share>, political_status: Array<Share>, };

export type StructureConfig = { 
/**
 * Upper bounds of the age brackets but the last, ascending.
 */
brackets: Array<number>, thresholds: Thresholds, };

export type StructureQuery = { unit_id: number | null, population: Population, as_of: string, };

export type SubjectPick = { unit_ids: Array<number>, person_ids: Array<number>, };

export type SubjectResult = { person_id: number, name: string, employee_no: string | null, position: string | null, unit_id: number, unit_name: string, 
/**
 * In the system's indicator order.
 */
scores: Array<IndicatorScore>, 
/**
 * Σ score × weight ÷ 100, to 2 decimals; None before the round is computed (while 评分中
 * and computed, as it stands now).
 */
total: number | null, 
/**
 * Competition ranking (1, 2, 2, 4) by total.
 */
rank: number | null, grade: Grade | null, 
/**
 * Why the grade is not the band's (the quota), in words.
 */
grade_note: string | null, feedback: string | null, 
/**
 * The person's own 反馈意见.
 */
reply: string | null, confirmed_at: string | null, 
/**
 * Marks entered per 'marks' indicator (count), for the marks screen.
 */
marks_entered: Array<MarksEntered>, };

export type System = { id: number, uid: string, 
/**
 * Shared by every version of this system.
 */
family_uid: string, version: number, name: string, note: string | null, drop_extremes_min: number, ballot_points: BallotPoints, indicators: Array<Indicator>, 
/**
 * A newer version exists.
 */
superseded: boolean, retired: boolean, 
/**
 * Used by any round: an edit makes a new version (rounds still 评分中 with no marks, no
 * tallies and no stored scores move to it; the others keep this one).
 */
frozen: boolean, 
/**
 * Rounds using this version.
 */
rounds: number, updated_at: string, };

export type SystemInput = { name: string, note?: string | null, 
/**
 * With at least this many marks, the highest and the lowest are dropped; 0: never.
 */
drop_extremes_min: number, ballot_points: BallotPoints, indicators: Array<IndicatorInput>, };

export type SystemSummary = { id: number, family_uid: string, version: number, name: string, indicators: number, superseded: boolean, retired: boolean, frozen: boolean, rounds: number, updated_at: string, };

export type Talk = { id: number, uid: string, talked_on: string, talker_id: number, talker_name: string, person_id: number, person_name: string, 
/**
 * The person's unit today.
 */
unit_name: string | null, kind: TalkKind, topic: string, 
/**
 * Only when the viewer may see it (else None, with `summary_hidden` true if there is one).
 */
summary: string | null, summary_hidden: boolean, follow_up: boolean, concern_ids: Array<number>, };

export type TalkCoverage = { period: Period, 
/**
 * The unit asked about (or the whole company) first, then each unit directly below it.
 */
units: Array<UnitTalkCoverage>, 
/**
 * Staff in post not talked with in the period (in the unit asked about), by unit then name.
 */
not_talked: Array<NotTalked>, };

export type TalkFilter = { from?: string | null, to?: string | null, kind?: TalkKind | null, talker_id?: number | null, person_id?: number | null, 
/**
 * The talked-with person's unit, or one below it.
 */
unit_id?: number | null, search?: string | null, };

export type TalkInput = { talked_on: string, 
/**
 * Who talked (a leader, a cadre).
 */
talker_id: number, 
/**
 * With whom.
 */
person_id: number, kind: TalkKind, topic: string, summary?: string | null, 
/**
 * Follow-up needed (a concern is then recorded from it).
 */
follow_up: boolean, };

export type TalkKind = "日常谈心" | "提醒谈话" | "困难帮扶" | "新入职" | "岗位调整" | "离岗退休" | "其他";

export type Tally = { name: string, count: number, };

export type Thresholds = { 
/**
 * 老龄化: share aged 50 and over above this.
 */
ageing_share_50: number, 
/**
 * 后备不足: fewer 后备人才 per 政工干部 than this.
 */
reserve_per_cadre: number, 
/**
 * 退休高峰: share reaching retirement age within 3 years above this.
 */
retirement_peak_share: number, };

export type TitleLevel = "正高级" | "副高级" | "中级" | "初级" | "无";

export type TrendPoint = { date: string, 
/**
 * 2023年末, 统计日, 3年后.
 */
label: string, 
/**
 * A projection (nobody joins, retirees leave) rather than the record.
 */
projected: boolean, headcount: number, average_age: number | null, median_age: number | null, share_35_and_under: number | null, share_50_and_over: number | null, 
/**
 * Projection: how many of today's people have retired by then.
 */
retired: number, };

export type Unit = { id: number, uid: string, name: string, kind: UnitKind, parent_id: number | null, 
/**
 * Names from the root down, joined with '/'.
 */
path: string, depth: number, 
/**
 * Staff in post directly in this unit (not in its sub-units).
 */
staff: number, 
/**
 * Staff in post in this unit and in all units below it.
 */
staff_total: number, };

export type UnitKind = "公司" | "部门" | "站所" | "班组";

export type UnitKinds = { 
/**
 * None: the activities with no organising unit.
 */
unit_id: number | null, name: string, path: string, depth: number, cells: Array<KindCell>, 
/**
 * Held activities of every kind shown.
 */
activities: number, counts: Counts, };

export type UnitNode = { children: Array<UnitNode>, id: number, uid: string, name: string, kind: UnitKind, parent_id: number | null, 
/**
 * Names from the root down, joined with '/'.
 */
path: string, depth: number, 
/**
 * Staff in post directly in this unit (not in its sub-units).
 */
staff: number, 
/**
 * Staff in post in this unit and in all units below it.
 */
staff_total: number, };

export type UnitRate = { unit_id: number, name: string, path: string, depth: number, 
/**
 * 应到: people on the invitee list.
 */
invited: number, 
/**
 * 实到: invitees present or late.
 */
attended: number, present: number, late: number, leave: number, 
/**
 * 缺席: marked absent, or not checked in at a held activity whose day is over.
 */
absent: number, 
/**
 * 未签到: invitees with no status who may still come. Once the activity's day is over they
 * are 缺席 instead, so 实到 + 请假 + 缺席 + 未签到 = 应到 always.
 */
not_checked_in: number, 
/**
 * Came without being invited; not part of the rate.
 */
walk_ins: number, 
/**
 * 出勤率 = 实到 / (应到 − 请假); None when nobody was expected.
 */
rate: number | null, };

export type UnitRetiring = { unit_name: string, within_1: number, within_3: number, within_5: number, };

export type UnitTalkCoverage = { unit_id: number, unit_name: string, 
/**
 * Staff in post at the end of the period (or today, if earlier) in the unit and below it.
 */
staff: number, 
/**
 * Of them, talked with at least once in the period.
 */
talked: number, rate: number | null, };

export type Visit = { id: number, uid: string, visited_on: string, leader_id: number, leader_name: string, unit_id: number, unit_name: string, participants: string | null, findings: string | null, 
/**
 * Is (leader, unit) one of the leader's contact points.
 */
at_contact_point: boolean, concern_ids: Array<number>, };

export type VisitFilter = { from?: string | null, to?: string | null, leader_id?: number | null, 
/**
 * This unit or one below it.
 */
unit_id?: number | null, };

export type VisitInput = { visited_on: string, leader_id: number, unit_id: number, 
/**
 * Who took part (names, free text).
 */
participants?: string | null, 
/**
 * What was found / heard.
 */
findings?: string | null, };

export type VoteInput = { nomination_id: number, votes?: number | null, };

export type Warning = { 
/**
 * ageing, gap, reserve_shortage, retirement_peak
 */
code: string, 
/**
 * 老龄化, 断层, 后备不足, 退休高峰
 */
title: string, message: string, };
