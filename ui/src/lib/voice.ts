// 党群沟通's pure logic: the code tables' labels, which actions a concern's status allows, the
// colours of statuses and levels, the periods the pickers offer, and how a new concern is
// prefilled from the address (座谈会, 走访, 谈话, 思想动态 link to it). No Vue, no IPC.
import type {
  Concern,
  ConcernSource,
  ConcernStatus,
  OpinionKind,
  OpinionLevel,
  OpinionTrend,
  RaiserKind,
  Satisfaction,
  Talk,
  TalkKind,
} from '../api'
import { formatDateTime, toDateStr } from './format'

// ---------- the code tables, in the core's display order (src/codes.rs) ----------

export const CONCERN_SOURCES: ConcernSource[] = ['座谈会', '谈心谈话', '联系点走访', '意见箱', '线上（微信群/公众号）', '来电来访', '其他']
export const RAISER_KINDS: RaiserKind[] = ['个人', '匿名', '集体']
export const CONCERN_STATUSES: ConcernStatus[] = ['已受理', '办理中', '已答复', '已办结']
export const SATISFACTIONS: Satisfaction[] = ['满意', '基本满意', '不满意']
export const OPINION_KINDS: OpinionKind[] = ['内部思想动态', '网络舆情']
export const OPINION_LEVELS: OpinionLevel[] = ['一般', '较大', '重大']
export const OPINION_TRENDS: OpinionTrend[] = ['平稳', '升温', '降温']
export const TALK_KINDS: TalkKind[] = ['日常谈心', '提醒谈话', '困难帮扶', '新入职', '岗位调整', '离岗退休', '其他']

export type TagType = 'primary' | 'success' | 'warning' | 'info' | 'danger'

// ---------- 群众诉求 ----------

/** What can be done to a concern: 交办, 答复, 办结 (with the raiser's satisfaction), 上报, 修改. */
export type ConcernAction = 'assign' | 'reply' | 'close' | 'escalate' | 'edit'

/**
 * The actions a concern's status allows, in the order the buttons stand. 已受理 / 办理中: 交办
 * and 答复; 已答复: 办结 (不满意 reopens it); 已办结: nothing more. 上报 and 修改 until it is closed.
 */
export function concernActions(status: ConcernStatus): ConcernAction[] {
  switch (status) {
    // The core answers only what has been handed to someone (交办 first).
    case '已受理':
      return ['assign', 'escalate', 'edit']
    case '办理中':
      return ['assign', 'reply', 'escalate', 'edit']
    case '已答复':
      return ['close', 'escalate', 'edit']
    default:
      return []
  }
}

export const CONCERN_ACTION_LABELS: Record<ConcernAction, string> = {
  assign: '交办',
  reply: '答复',
  close: '办结',
  escalate: '上报',
  edit: '修改',
}

export function concernStatusTag(status: ConcernStatus): TagType {
  switch (status) {
    case '已受理':
      return 'info'
    case '办理中':
      return 'primary'
    case '已答复':
      return 'warning'
    default:
      return 'success'
  }
}

/** The colour of a step in a concern's history (受理 / 交办 / 答复 / 办结 / 重新办理 / 上报 …). */
export function stepTag(step: string): TagType {
  switch (step) {
    case '办结':
      return 'success'
    case '答复':
      return 'warning'
    case '重新办理':
      return 'danger'
    case '上报':
      return 'danger'
    case '受理':
    case '交办':
      return 'primary'
    default:
      return 'info'
  }
}

/** "超期 3 天" for an overdue concern; "" otherwise. */
export function overdueText(c: Pick<Concern, 'overdue' | 'overdue_days'>): string {
  return c.overdue ? `超期 ${Math.max(c.overdue_days, 1)} 天` : ''
}

/** 责任单位 / 责任人 as one line: "城关供电所 / 张三", one of them, or "未交办". */
export function handlerText(c: Pick<Concern, 'handler_unit_name' | 'handler_person_name'>): string {
  const parts = [c.handler_unit_name, c.handler_person_name].filter((s): s is string => !!s)
  return parts.length ? parts.join(' / ') : '未交办'
}

/** What 办结 says before it is sent: 不满意 reopens the concern. */
export function closeHint(s: Satisfaction | null | undefined): string {
  if (s === '不满意') return '选择“不满意”后，本诉求不会办结，而是重新办理：状态回到“办理中”，需要重新答复。'
  return ''
}

/** A category as the pickers show it: "薪酬待遇（默认 15 天）". */
export function categoryLabel(c: { name: string; deadline_days: number; retired?: boolean }): string {
  return `${c.name}（默认 ${c.deadline_days} 天）${c.retired ? '（已停用）' : ''}`
}

/** The hint under the deadline field: what an empty deadline means. */
export function deadlineHint(days: number | null | undefined): string {
  if (days === null || days === undefined) return '不填则按类别的默认期限计算'
  return `不填则按类别默认期限：受理后 ${days} 天（设置了节假日时按工作日计算）`
}

/** A long text shortened for a table cell. */
export function truncate(text: string | null | undefined, max = 40): string {
  const s = (text ?? '').replace(/\s+/g, ' ').trim()
  const chars = Array.from(s)
  return chars.length > max ? chars.slice(0, max).join('') + '…' : s
}

/** What a new concern starts from when another record leads to it (the address's query). */
export interface ConcernPrefill {
  source: ConcernSource | null
  activity_id: number | null
  visit_id: number | null
  talk_id: number | null
  opinion_id: number | null
  unit_id: number | null
  raiser_id: number | null
}

function idParam(v: unknown): number | null {
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' && /^\d+$/.test(s) && Number(s) > 0 ? Number(s) : null
}

/**
 * `?new=1&source=座谈会&activity_id=N` (or visit_id + unit_id, talk_id + raiser_id, opinion_id):
 * what the 登记诉求 dialog is opened with; null when the address does not ask for it.
 */
export function concernPrefill(query: Record<string, unknown>): ConcernPrefill | null {
  const isNew = Array.isArray(query.new) ? query.new[0] : query.new
  if (isNew !== '1' && isNew !== 'true') return null
  const rawSource = Array.isArray(query.source) ? query.source[0] : query.source
  const source = CONCERN_SOURCES.find((s) => s === rawSource) ?? null
  return {
    source,
    activity_id: idParam(query.activity_id),
    visit_id: idParam(query.visit_id),
    talk_id: idParam(query.talk_id),
    opinion_id: idParam(query.opinion_id),
    unit_id: idParam(query.unit_id),
    raiser_id: idParam(query.raiser_id),
  }
}

/** The address of the 登记诉求 dialog prefilled (for the links from other records). */
export function concernLink(p: Partial<ConcernPrefill>): { path: string; query: Record<string, string> } {
  const query: Record<string, string> = { new: '1' }
  for (const [k, v] of Object.entries(p)) {
    if (v !== null && v !== undefined) query[k] = String(v)
  }
  return { path: '/voice/concerns', query }
}

/** Where a concern came from, in words ("来自联系点走访记录"), for the dialog. */
export function originText(p: { visit_id?: number | null; talk_id?: number | null; opinion_id?: number | null }): string {
  const from: string[] = []
  if (p.talk_id) from.push('谈心谈话记录')
  if (p.visit_id) from.push('联系点走访记录')
  if (p.opinion_id) from.push('思想动态记录')
  return from.length ? `来自${from.join('、')}` : ''
}

// ---------- 思想动态 ----------

export function levelTag(level: OpinionLevel): TagType {
  switch (level) {
    case '重大':
      return 'danger'
    case '较大':
      return 'warning'
    default:
      return 'info'
  }
}

/** 平稳, 升温↑, 降温↓. */
export function trendText(trend: OpinionTrend): string {
  return trend === '升温' ? '升温↑' : trend === '降温' ? '降温↓' : '平稳'
}

export function trendTag(trend: OpinionTrend): TagType {
  return trend === '升温' ? 'danger' : trend === '降温' ? 'success' : 'info'
}

/** The 上报 cell: "已上报 2026-11-24 10:30（市公司党建部）", "未上报", or "—" (一般 needs none). */
export function reportedText(o: { level: OpinionLevel; reported_at: string | null; reported_to: string | null }): string {
  if (o.reported_at) return `已上报 ${formatDateTime(o.reported_at)}${o.reported_to ? `（${o.reported_to}）` : ''}`
  return o.level === '一般' ? '—' : '未上报'
}

// ---------- 谈心谈话 ----------

export const SUMMARY_HIDDEN = '（仅谈话人、记录人和管理员可见）'

/** A talk's summary as the viewer may see it. */
export function summaryText(t: Pick<Talk, 'summary' | 'summary_hidden'>): string {
  if (t.summary_hidden) return SUMMARY_HIDDEN
  return t.summary ?? ''
}

// ---------- periods ----------

export interface Span {
  from: string
  to: string
}

/** The quarter (1–4) `d` falls in. */
export function quarterOf(d: Date): { year: number; quarter: number } {
  return { year: d.getFullYear(), quarter: Math.floor(d.getMonth() / 3) + 1 }
}

/** First and last day of a quarter. */
export function quarterSpan(year: number, quarter: number): Span {
  const first = new Date(year, (quarter - 1) * 3, 1)
  const last = new Date(year, quarter * 3, 0)
  return { from: toDateStr(first), to: toDateStr(last) }
}

export function yearSpan(year: number): Span {
  return { from: `${year}-01-01`, to: `${year}-12-31` }
}

export type QuickPeriod = 'this_quarter' | 'last_quarter' | 'this_year'

export const QUICK_PERIODS: { value: QuickPeriod; label: string }[] = [
  { value: 'this_quarter', label: '本季度' },
  { value: 'last_quarter', label: '上季度' },
  { value: 'this_year', label: '本年' },
]

/** 本季度 / 上季度 / 本年 as of `today`. */
export function quickPeriod(which: QuickPeriod, today: Date): Span {
  const { year, quarter } = quarterOf(today)
  if (which === 'this_year') return yearSpan(year)
  if (which === 'this_quarter') return quarterSpan(year, quarter)
  return quarter === 1 ? quarterSpan(year - 1, 4) : quarterSpan(year, quarter - 1)
}

/** "2026年第4季度" for a span that is one quarter, "2026年" for a year, else "from 至 to". */
export function periodLabel(from: string, to: string): string {
  const y = Number(from.slice(0, 4))
  if (from.slice(0, 4) === to.slice(0, 4)) {
    const year = yearSpan(y)
    if (from === year.from && to === year.to) return `${y}年`
    for (let q = 1; q <= 4; q++) {
      const s = quarterSpan(y, q)
      if (s.from === from && s.to === to) return `${y}年第${q}季度`
    }
  }
  return `${from} 至 ${to}`
}

/** A default title for a new report: "2026年第4季度职工思想动态分析报告". */
export function defaultReportTitle(from: string, to: string, unitName?: string | null): string {
  const label = periodLabel(from, to)
  const when = label.includes('至') ? '' : label
  return `${unitName ?? ''}${when}职工思想动态分析报告`
}

/** A 0–1 rate as a percentage for el-progress (0 when there is none). */
export function ratePercent(rate: number | null | undefined): number {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 0
  return Math.round(Math.min(Math.max(rate, 0), 1) * 1000) / 10
}

/** The bar colour of a coverage rate: red below 60 %, orange below 90 %, green otherwise. */
export function rateColor(rate: number | null | undefined): string {
  const p = ratePercent(rate)
  return p < 60 ? '#f56c6c' : p < 90 ? '#e6a23c' : '#67c23a'
}

/** An ECharts bar chart of counts by name (the report's 诉求类别). */
export function tallyBarOption(tallies: { name: string; count: number }[], title = '件数'): Record<string, unknown> {
  return {
    grid: { left: 40, right: 16, top: 24, bottom: 48, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: tallies.map((t) => t.name), axisLabel: { interval: 0, rotate: tallies.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: title, data: tallies.map((t) => t.count), barMaxWidth: 40, label: { show: true, position: 'top' } }],
  }
}
