// 推优评先 and 荣誉 on the UI side: pure rules the screens follow and the tests read — the stages
// and what each allows, the rules editor ↔ the core's Rule list, the votes sent, the honours
// filter, the 工作台's waiting lines and the person's history chart.
import type {
  Candidate,
  Grade,
  EvalHistoryRow,
  Honour,
  HonourFilter,
  RecognitionStatus,
  RecognitionTarget,
  RoundWaiting,
  Rule,
  VoteInput,
} from '../../api'
import { addDays, blankToNull } from '../../lib/format'

export const STAGES: RecognitionStatus[] = ['推荐中', '投票中', '公示中', '已确认']
export const TARGETS: RecognitionTarget[] = ['个人', '集体']
export const GRADES: Grade[] = ['优秀', '称职', '基本称职', '不称职']

/** The step of the steps bar (0–3). */
export function stageIndex(status: RecognitionStatus): number {
  return Math.max(0, STAGES.indexOf(status))
}

export type TagType = '' | 'success' | 'warning' | 'info' | 'danger' | 'primary'

export function statusTag(status: RecognitionStatus): TagType {
  switch (status) {
    case '推荐中':
      return 'primary'
    case '投票中':
      return 'warning'
    case '公示中':
      return 'danger'
    default:
      return 'success'
  }
}

/** What a round's page offers at each stage (for an editor; 查看 sees none of them). */
export type StageAction =
  | 'edit' // 修改评选设置
  | 'nominate' // 添加推荐
  | 'start_voting' // 开始投票
  | 'votes' // 保存票数
  | 'start_publicity' // 进入公示
  | 'withdraw' // 撤回当选者
  | 'confirm' // 确认结果

export function stageActions(status: RecognitionStatus): StageAction[] {
  switch (status) {
    case '推荐中':
      return ['edit', 'nominate', 'start_voting']
    case '投票中':
      return ['edit', 'votes', 'start_publicity']
    case '公示中':
      return ['withdraw', 'confirm']
    default:
      return []
  }
}

/** The 公示 notice lists the selected: there is one from 公示 on. */
export function canPrintNotice(status: RecognitionStatus): boolean {
  return status === '公示中' || status === '已确认'
}

/** A round not yet 已确认 may be deleted. */
export function canDelete(status: RecognitionStatus): boolean {
  return status !== '已确认'
}

/** 公示 from today for 7 days (about 5 working days). */
export function defaultPublicity(today: string): [string, string] {
  return [today, addDays(today, 6)]
}

// ---------- 资格条件 ----------

/** The rules editor: three checkboxes, a percentage and a grade (empty: no such rule). */
export interface RulesForm {
  inPost: boolean
  cadre: boolean
  party: boolean
  attendance: number | null
  grade: Grade | null
}

export function emptyRules(): RulesForm {
  return { inPost: false, cadre: false, party: false, attendance: null, grade: null }
}

/** The editor's rules as the core takes them; a 集体 round has only the attendance rule. */
export function rulesFromForm(f: RulesForm, target: RecognitionTarget): Rule[] {
  const out: Rule[] = []
  const person = target === '个人'
  if (person && f.inPost) out.push({ kind: 'in_post' })
  if (person && f.cadre) out.push({ kind: 'political_cadre' })
  if (person && f.party) out.push({ kind: 'party_member' })
  if (f.attendance !== null && f.attendance !== undefined && Number.isFinite(f.attendance)) {
    out.push({ kind: 'attendance_at_least', percent: f.attendance })
  }
  if (person && f.grade) out.push({ kind: 'last_grade_at_least', grade: f.grade })
  return out
}

export function formFromRules(rules: Rule[] | undefined): RulesForm {
  const f = emptyRules()
  for (const r of rules ?? []) {
    switch (r.kind) {
      case 'in_post':
        f.inPost = true
        break
      case 'political_cadre':
        f.cadre = true
        break
      case 'party_member':
        f.party = true
        break
      case 'attendance_at_least':
        f.attendance = r.percent
        break
      case 'last_grade_at_least':
        f.grade = r.grade
        break
    }
  }
  return f
}

/** A rule in words, as the core words it (the candidates' checks carry the core's own label). */
export function ruleLabel(r: Rule): string {
  switch (r.kind) {
    case 'in_post':
      return '在职'
    case 'political_cadre':
      return '政工干部'
    case 'party_member':
      return '中共党员（含预备党员）'
    case 'attendance_at_least':
      return `出勤率不低于 ${r.percent}%`
    case 'last_grade_at_least':
      return `最近一次考核等级不低于${r.grade}`
  }
}

/** The rules of a round in one line, for the list. */
export function rulesText(rules: Rule[] | undefined): string {
  return rules && rules.length ? rules.map(ruleLabel).join('；') : '不限'
}

/** Why a candidate is not eligible: each failed rule with what was found. */
export function ineligibleReasons(c: Pick<Candidate, 'checks'>): string[] {
  return c.checks.filter((k) => !k.passed).map((k) => `${k.label}：${k.found}`)
}

// ---------- 投票 ----------

/** Whether a candidate takes votes: eligible and not withdrawn. */
export function takesVotes(c: Pick<Candidate, 'eligible' | 'withdrawn'>): boolean {
  return c.eligible && !c.withdrawn
}

/** The votes entered on screen, per nomination (blank: none). */
export type VotesForm = Record<number, number | null | undefined>

export function votesForm(cands: Candidate[]): VotesForm {
  const f: VotesForm = {}
  for (const c of cands) f[c.nomination_id] = c.votes ?? null
  return f
}

/**
 * What 保存票数 sends: one line per candidate who takes votes, blank as null (clears); a count
 * that is not a whole number of 0 or more is refused before sending, in words.
 */
export function votesPayload(cands: Candidate[], form: VotesForm): VoteInput[] | string {
  const out: VoteInput[] = []
  for (const c of cands) {
    if (!takesVotes(c)) continue
    const v = form[c.nomination_id]
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
      out.push({ nomination_id: c.nomination_id, votes: null })
      continue
    }
    if (!Number.isInteger(v) || v < 0) return `${c.name}的票数应为 0 或正整数`
    out.push({ nomination_id: c.nomination_id, votes: v })
  }
  return out
}

// ---------- 荣誉 ----------

export interface HonourFilterForm {
  year: number | null
  unitId: number | null
  search: string
}

export function honourFilter(f: HonourFilterForm): HonourFilter {
  return { year: f.year ?? null, unit_id: f.unitId ?? null, person_id: null, search: blankToNull(f.search) }
}

/** The years offered by the filter and the dialog: next year back to 15 years ago. */
export function yearOptions(thisYear: number): number[] {
  const out: number[] = []
  for (let y = thisYear + 1; y >= thisYear - 15; y--) out.push(y)
  return out
}

/** 来源: a round's link, or 手工登记. */
export function honourSource(h: Pick<Honour, 'round_id'>): string {
  return h.round_id !== null && h.round_id !== undefined ? '推优评先' : '手工登记'
}

// ---------- 工作台 ----------

/** "3 人待评分" (评分中) / "2 人待确认" (结果反馈). */
export function waitingText(w: Pick<RoundWaiting, 'status' | 'waiting'>): string {
  return w.status === '结果反馈' ? `${w.waiting} 人待确认` : `${w.waiting} 人待评分`
}

// ---------- 个人的考核记录 ----------

/** "2/7", or — before the round is computed. */
export function rankText(r: Pick<EvalHistoryRow, 'rank' | 'of'>): string {
  return r.rank !== null && r.rank !== undefined ? `${r.rank}/${r.of}` : '—'
}

export function totalText(total: number | null | undefined): string {
  return total !== null && total !== undefined ? total.toFixed(2) : '—'
}

/** 2026-01-01 至 2026-03-31. */
export function periodText(r: Pick<EvalHistoryRow, 'period_from' | 'period_to'>): string {
  return `${r.period_from} 至 ${r.period_to}`
}

/** The line chart of the totals over the rounds (computed ones, oldest first). */
export function historyOption(rows: EvalHistoryRow[]): Record<string, unknown> | null {
  const scored = rows.filter((r) => r.total !== null && r.total !== undefined)
  if (!scored.length) return null
  return {
    color: ['#c0392b'],
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v} 分` },
    grid: { left: 16, right: 24, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: scored.map((r) => r.round_name), axisLabel: { interval: 0, width: 120, overflow: 'truncate' } },
    yAxis: { type: 'value', min: 0, max: 100, name: '总分' },
    series: [{ name: '总分', type: 'line', data: scored.map((r) => r.total), label: { show: true }, symbolSize: 8 }],
  }
}
