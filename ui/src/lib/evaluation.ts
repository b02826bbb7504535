// 考核评价's pure logic: the code tables' labels (from `codes` once loaded, else the core's order
// written here), the weight total of a system, a new indicator's defaults, the version warning,
// the actions a round's status allows, default names and periods, the marks grid's payload, and
// where an automatic indicator's figure comes from (the records behind it). No Vue, no IPC.
import type {
  AutoSource,
  Band,
  BallotCounts,
  BallotPoints,
  Codes,
  EvalMethod,
  Grade,
  GradeBands,
  IndicatorInput,
  MarkInput,
  RoundKind,
  RoundStatus,
  ScoreRule,
  System,
  SystemInput,
} from '../api'
import { toDateStr } from './format'

// ---------- the code tables, in the core's display order (src/codes.rs) ----------

export const EVAL_METHODS: EvalMethod[] = ['系统数据', '评委打分', '民主测评']
export const AUTO_SOURCES: AutoSource[] = [
  '组织活动次数',
  '活动出勤率',
  '诉求按期答复率',
  '诉求满意率',
  '联系点走访覆盖率',
  '谈心谈话覆盖率',
  '职工座谈会次数',
  '35岁及以下职工占比',
  '后备人才与政工干部之比',
]
export const SCORE_RULES: ScoreRule[] = ['按目标比例', '分档计分']
export const ROUND_KINDS: RoundKind[] = ['日常考核', '定期考核', '专项考核']
export const ROUND_STATUSES: RoundStatus[] = ['评分中', '结果反馈', '已公布']
export const GRADES: Grade[] = ['优秀', '称职', '基本称职', '不称职']

type CodeKey = 'eval_method' | 'auto_source' | 'score_rule' | 'round_kind' | 'round_status' | 'grade'

/** A code table's labels: the core's (`codes`), or the list above until they are loaded. */
export function labelsOf<T extends string>(codes: Codes | null | undefined, key: CodeKey, fallback: T[]): T[] {
  const got = (codes as Partial<Record<CodeKey, string[]>> | null | undefined)?.[key]
  return got && got.length ? (got as T[]) : fallback
}

/** Rates are shown with %, counts and the ratio as they are. */
export function isRate(source: AutoSource | null | undefined): boolean {
  return !!source && source !== '组织活动次数' && source !== '职工座谈会次数' && source !== '后备人才与政工干部之比'
}

export function formatFigure(figure: number | null | undefined, source: AutoSource | null | undefined): string {
  if (figure === null || figure === undefined) return '—'
  const n = Number.isInteger(figure) ? String(figure) : figure.toFixed(2).replace(/\.?0+$/, '')
  return isRate(source) ? `${n}%` : n
}

export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined) return '—'
  return score.toFixed(2)
}

// ---------- 指标体系 ----------

/** The weights' sum, to one decimal (as the core checks it). */
export function weightTotal(indicators: Pick<IndicatorInput, 'weight'>[]): number {
  const sum = indicators.reduce((s, i) => s + (Number.isFinite(i.weight) ? i.weight : 0), 0)
  return Math.round(sum * 10) / 10
}

export function weightOk(total: number): boolean {
  return Math.abs(total - 100) < 1e-9
}

export const DEFAULT_BALLOT_POINTS: BallotPoints = { excellent: 100, competent: 80, basic: 60, incompetent: 0 }
export const DEFAULT_GRADE_BANDS: GradeBands = { excellent: 90, competent: 75, basic: 60 }
export const DEFAULT_BANDS: Band[] = [
  { from: 95, score: 100 },
  { from: 85, score: 85 },
  { from: 70, score: 70 },
]

/** A new indicator of `method`, in `category`. */
export function blankIndicator(method: EvalMethod = '评委打分', category = ''): IndicatorInput {
  return {
    category,
    name: '',
    weight: 0,
    method,
    source: method === '系统数据' ? '活动出勤率' : null,
    rule: method === '系统数据' ? '按目标比例' : null,
    target: method === '系统数据' ? 95 : null,
    bands: [],
    note: null,
  }
}

/** An indicator switched to `method`: the automatic fields set or cleared. */
export function withMethod(i: IndicatorInput, method: EvalMethod): IndicatorInput {
  if (method === '系统数据') {
    return {
      ...i,
      method,
      source: i.source ?? '活动出勤率',
      rule: i.rule ?? '按目标比例',
      target: i.target ?? 95,
      bands: i.bands ?? [],
    }
  }
  return { ...i, method, source: null, rule: null, target: null, bands: [] }
}

export function blankSystem(): SystemInput {
  return {
    name: '',
    note: null,
    drop_extremes_min: 5,
    ballot_points: { ...DEFAULT_BALLOT_POINTS },
    indicators: [],
  }
}

/** A stored system as the editor writes it back. */
export function systemInput(s: System): SystemInput {
  return {
    name: s.name,
    note: s.note,
    drop_extremes_min: s.drop_extremes_min,
    ballot_points: { ...s.ballot_points },
    indicators: s.indicators.map((i) => ({
      category: i.category,
      name: i.name,
      weight: i.weight,
      method: i.method,
      source: i.source ?? null,
      rule: i.rule ?? null,
      target: i.target ?? null,
      bands: (i.bands ?? []).map((b) => ({ ...b })),
      note: i.note ?? null,
    })),
  }
}

/** What saving an edit of a system used by rounds does, said before saving; null when unused. */
export function versionWarning(s: Pick<System, 'rounds' | 'version' | 'frozen'> | null | undefined): string | null {
  if (!s || !(s.frozen || s.rounds > 0)) return null
  return `已被 ${s.rounds} 个考核使用，保存后将生成第 ${s.version + 1} 版，已录入打分的考核仍使用原版本`
}

/** How an automatic indicator is scored, in words (for the indicator table). */
export function ruleText(i: Pick<IndicatorInput, 'method' | 'source' | 'rule' | 'target' | 'bands'>): string {
  if (i.method !== '系统数据') return i.method
  const unit = isRate(i.source) ? '%' : ''
  if (i.rule === '分档计分') {
    const bands = (i.bands ?? []).map((b) => `≥${b.from}${unit} 得 ${b.score}`).join('，')
    return `${i.source ?? ''}：${bands || '未设分档'}`
  }
  return `${i.source ?? ''}：达到 ${i.target ?? '—'}${unit} 得满分`
}

// ---------- 考核 ----------

export type TagType = 'primary' | 'success' | 'warning' | 'info' | 'danger'

export function roundStatusTag(s: RoundStatus): TagType {
  return s === '评分中' ? 'primary' : s === '结果反馈' ? 'warning' : 'success'
}

export function gradeTag(g: Grade | null | undefined): TagType {
  switch (g) {
    case '优秀':
      return 'success'
    case '称职':
      return 'primary'
    case '基本称职':
      return 'warning'
    case '不称职':
      return 'danger'
    default:
      return 'info'
  }
}

/** The step of the status bar (评分中 → 结果反馈 → 已公布); 已公布 is past the last. */
export function statusStep(s: RoundStatus): number {
  return s === '评分中' ? 0 : s === '结果反馈' ? 1 : 3
}

export type RoundAction = 'compute' | 'start_feedback' | 'reopen' | 'publish'

/** The buttons a round's status allows (none for 查看, none once 已公布). */
export function roundActions(s: RoundStatus, canEdit: boolean): RoundAction[] {
  if (!canEdit) return []
  switch (s) {
    case '评分中':
      return ['compute', 'start_feedback']
    case '结果反馈':
      return ['compute', 'reopen', 'publish']
    default:
      return []
  }
}

export const ROUND_ACTION_LABELS: Record<RoundAction, string> = {
  compute: '计算结果',
  start_feedback: '进入结果反馈',
  reopen: '退回评分',
  publish: '公布',
}

/** What each action's confirmation says. */
export const ROUND_ACTION_CONFIRMS: Record<RoundAction, string> = {
  compute: '按当前的打分、测评票数和系统数据计算并保存每人的得分、排名和等级。',
  start_feedback: '计算结果并进入结果反馈：此后不能再修改打分和测评票数（可退回评分）。',
  reopen: '退回评分中以修改打分或测评票数；已有的本人确认和反馈意见将被清除。',
  publish: '公布后考核结果锁定，任何内容都不能再修改。确定公布吗？',
}

export type QuickRange = 'month' | 'quarter' | 'year'
export const QUICK_RANGES: { value: QuickRange; label: string }[] = [
  { value: 'month', label: '本月' },
  { value: 'quarter', label: '本季度' },
  { value: 'year', label: '本年' },
]

/** 本月 / 本季度 / 本年 containing `today`. */
export function quickRange(which: QuickRange, today: Date): [string, string] {
  const y = today.getFullYear()
  const m = today.getMonth()
  switch (which) {
    case 'month':
      return [toDateStr(new Date(y, m, 1)), toDateStr(new Date(y, m + 1, 0))]
    case 'quarter': {
      const q = Math.floor(m / 3) * 3
      return [toDateStr(new Date(y, q, 1)), toDateStr(new Date(y, q + 3, 0))]
    }
    default:
      return [`${y}-01-01`, `${y}-12-31`]
  }
}

/** The quick range a kind starts with: 日常 this quarter, 定期 this year, 专项 this month. */
export function kindRange(kind: RoundKind): QuickRange {
  return kind === '日常考核' ? 'quarter' : kind === '定期考核' ? 'year' : 'month'
}

const QUARTERS = ['一', '二', '三', '四']

/** The period in words: 2026年11月, 2026年第四季度, 2026年度, else 2026-10-08至2026-11-20. */
export function periodName(from: string, to: string): string {
  const [fy, fm, fd] = from.split('-').map(Number)
  const [ty, tm, td] = to.split('-').map(Number)
  const last = new Date(ty, tm, 0).getDate()
  if (fy === ty && fd === 1 && td === last) {
    if (fm === 1 && tm === 12) return `${fy}年度`
    if (fm === tm) return `${fy}年${fm}月`
    if (tm - fm === 2 && (fm - 1) % 3 === 0) return `${fy}年第${QUARTERS[(fm - 1) / 3]}季度`
  }
  return `${from}至${to}`
}

/** A round's default name, e.g. 2026年第四季度政工干部日常考核. */
export function defaultRoundName(kind: RoundKind, from: string, to: string): string {
  return `${periodName(from, to)}政工干部${kind}`
}

// ---------- 评委打分 ----------

/** The key of one cell of the marks grid. */
export const cellKey = (personId: number, indicatorId: number) => `${personId}:${indicatorId}`

/** A number as typed (half-width or full-width digits), or null when it is not one. */
export function plainNumber(text: string): number | null {
  const s = text.trim().replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
  if (!/^\d+(\.\d+)?$/.test(s)) return null
  return Number(s)
}

export interface CellProblem {
  personId: number
  indicatorId: number
  message: string
}

/**
 * One evaluator's marks as sent: every cell of the grid (an empty one clears that mark), a
 * number as it is, a word (优秀 …) through `parse` (the core's `eval_parse_mark`). Throws the
 * first cell the core refused, with where it is.
 */
export async function collectMarks(
  personIds: number[],
  indicatorIds: number[],
  cells: Record<string, string>,
  parse: (text: string) => Promise<number>,
): Promise<MarkInput[]> {
  const out: MarkInput[] = []
  for (const person_id of personIds) {
    for (const indicator_id of indicatorIds) {
      const text = (cells[cellKey(person_id, indicator_id)] ?? '').trim()
      if (!text) {
        out.push({ person_id, indicator_id, mark: null })
        continue
      }
      let mark = plainNumber(text)
      if (mark === null) {
        try {
          mark = await parse(text)
        } catch (e) {
          const message = (e as { message?: string })?.message ?? String(e)
          throw { personId: person_id, indicatorId: indicator_id, message } as CellProblem
        }
      }
      if (!(mark >= 0 && mark <= 100)) {
        throw { personId: person_id, indicatorId: indicator_id, message: '分数应为 0–100' } as CellProblem
      }
      out.push({ person_id, indicator_id, mark })
    }
  }
  return out
}

// ---------- 民主测评 ----------

export function ballotTotal(c: BallotCounts): number {
  return c.excellent + c.competent + c.basic + c.incompetent
}

/** Σ count × points ÷ ballots, to 2 decimals (as the core computes it); null without ballots. */
export function ballotScore(c: BallotCounts, p: BallotPoints): number | null {
  const n = ballotTotal(c)
  if (!n) return null
  const sum = c.excellent * p.excellent + c.competent * p.competent + c.basic * p.basic + c.incompetent * p.incompetent
  return Math.round((sum / n) * 100) / 100
}

// ---------- the records behind an automatic figure ----------

export interface FigureLink {
  path: string
  query: Record<string, string>
}

/**
 * Where the records behind `source` for `unitId` over the period are listed: 活动 (held,
 * organised by the unit or below), 出勤统计, 群众诉求, 联系点走访, 谈心谈话. Null for the
 * structure figures (队伍结构 has no list to filter).
 */
export function figureLink(source: AutoSource | null | undefined, unitId: number, from: string, to: string): FigureLink | null {
  const unit = String(unitId)
  switch (source) {
    case '组织活动次数':
      return { path: '/activities', query: { unit_id: unit, from, to, status: '已开展' } }
    case '职工座谈会次数':
      return { path: '/activities', query: { unit_id: unit, from, to, status: '已开展', kind: '职工座谈会' } }
    case '活动出勤率':
      return { path: '/attendance', query: { tab: 'unit', pick: 'custom', unit_id: unit, from, to } }
    case '诉求按期答复率':
    case '诉求满意率':
      return { path: '/voice/concerns', query: { unit_id: unit, from, to } }
    case '联系点走访覆盖率':
      return { path: '/voice/contacts', query: { tab: 'visits', unit_id: unit, from, to } }
    case '谈心谈话覆盖率':
      return { path: '/voice/talks', query: { unit_id: unit, from, to } }
    default:
      return null
  }
}

/** Reads `unit_id`, `from` and `to` of an address (a click-through from 考核's results). */
export function rangeQuery(q: Record<string, unknown>): { unitId: number | null; range: [string, string] | null } {
  const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '')
  const unit = str(q.unit_id)
  const from = str(q.from)
  const to = str(q.to)
  const date = /^\d{4}-\d{2}-\d{2}$/
  return {
    unitId: /^\d+$/.test(unit) ? Number(unit) : null,
    range: date.test(from) && date.test(to) ? [from, to] : null,
  }
}
