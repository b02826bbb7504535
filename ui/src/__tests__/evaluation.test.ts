// 考核评价 (指标体系, 考核) with the IPC stubbed: the pure rules (weight total, version warning,
// actions by status, periods, the marks payload, ballot scores, where a figure's records are) and
// the screens — the live 权重合计 red / green and the save, the evaluator grid's payload (words
// read through eval_parse_mark), the buttons of each status and for 查看, and a figure's
// click-through to the records (活动 and 群众诉求 reading the unit and period from the address).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createRouter, createMemoryHistory } from 'vue-router'

let handler: (cmd: string, args: Record<string, unknown>) => unknown = () => null
const calls: [string, Record<string, unknown>][] = []
vi.mock('@tauri-apps/api/core', () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push([cmd, args])
    return handler(cmd, args)
  },
}))

import type * as api from '../api'
import Systems from '../views/evaluation/Systems.vue'
import Rounds from '../views/evaluation/Rounds.vue'
import RoundDetail from '../views/evaluation/RoundDetail.vue'
import Activities from '../views/Activities.vue'
import Concerns from '../views/voice/Concerns.vue'
import { session } from '../session'
import { ADMIN, VIEWER, all, inputOf, last, pickOption, q, settle, type } from './dom'
import {
  ballotScore,
  collectMarks,
  defaultRoundName,
  figureLink,
  periodName,
  quickRange,
  rangeQuery,
  roundActions,
  versionWarning,
  weightOk,
  weightTotal,
  withMethod,
  blankIndicator,
} from '../lib/evaluation'

beforeEach(() => {
  calls.length = 0
  session.value = ADMIN
})
afterEach(() => {
  document.body.innerHTML = ''
})

const callsOf = (cmd: string) => calls.filter(([c]) => c === cmd).map(([, a]) => a)

// ---------- fixtures ----------

const ind = (id: number, name: string, weight: number, method: api.EvalMethod, extra: Partial<api.Indicator> = {}): api.Indicator => ({
  id, category: '思想政治工作', name, weight, method, source: null, rule: null, target: null, bands: [], note: null, ...extra,
})
const system = (indicators: api.Indicator[], extra: Partial<api.System> = {}): api.System => ({
  id: 1, uid: 's1', family_uid: 'f1', version: 1, name: '政工干部日常考核指标体系', note: null, drop_extremes_min: 5,
  ballot_points: { excellent: 100, competent: 80, basic: 60, incompetent: 0 }, indicators,
  superseded: false, retired: false, frozen: false, rounds: 0, updated_at: '2026-10-08T09:00:00', ...extra,
})
const summary: api.SystemSummary = {
  id: 1, family_uid: 'f1', version: 1, name: '政工干部日常考核指标体系', indicators: 3, superseded: false, retired: false,
  frozen: true, rounds: 2, updated_at: '2026-10-08T09:00:00',
}

// The round's system: 出勤率 (auto, 30), 工作实绩 (marks, 30), 廉洁自律 (marks, 15), 群众评议
// (ballot, 20), 组织活动 (auto, 5) = 100.
const ATT = ind(11, '活动出勤率', 30, '系统数据', { source: '活动出勤率', rule: '按目标比例', target: 95 })
const WORK = ind(12, '工作实绩', 30, '评委打分')
const CLEAN = ind(15, '廉洁自律', 15, '评委打分')
const VOTE = ind(13, '群众评议', 20, '民主测评')
const ACTS = ind(14, '组织活动', 5, '系统数据', { source: '组织活动次数', rule: '分档计分', bands: [{ from: 6, score: 100 }, { from: 3, score: 80 }] })
const roundSystem = system([ATT, WORK, CLEAN, VOTE, ACTS], { frozen: true, rounds: 1 })

const subject = (person_id: number, name: string, extra: Partial<api.SubjectResult> = {}): api.SubjectResult => ({
  person_id, name, employee_no: `1000${person_id}`, position: '政工专责', unit_id: person_id === 7 ? 2 : 4,
  unit_name: person_id === 7 ? '城关供电所' : '营业班',
  scores: [
    { indicator_id: 11, figure: 87.5, score: 92.11, basis: '出勤率 87.5%，目标 95%：87.5 ÷ 95 × 100 = 92.11' },
    { indicator_id: 12, figure: 90, score: 90, basis: '1 位评委，平均 90' },
    { indicator_id: 15, figure: null, score: 0, basis: '尚无评委打分' },
    { indicator_id: 13, figure: null, score: 0, basis: '尚无测评票数' },
    { indicator_id: 14, figure: 4, score: 80, basis: '组织活动 4 次，达到“不低于 3 次”一档：80' },
  ],
  total: null, rank: null, grade: null, grade_note: null, feedback: null, reply: null, confirmed_at: null,
  marks_entered: [{ indicator_id: 12, count: person_id === 7 ? 1 : 0 }, { indicator_id: 15, count: 0 }],
  ...extra,
})
const roundDetail = (status: api.RoundStatus, extra: Partial<api.RoundDetail> = {}): api.RoundDetail => ({
  id: 3, uid: 'r3',
  input: {
    name: '2026年第四季度政工干部日常考核', kind: '日常考核', period_from: '2026-10-01', period_to: '2026-12-31',
    system_id: 1, grade_bands: { excellent: 90, competent: 75, basic: 60 }, excellent_quota: 20,
  },
  status, system: roundSystem, subjects: [subject(7, '张三'), subject(8, '李四')],
  computed_at: status === '评分中' ? null : '2026-12-20T10:00:00', published_at: status === '已公布' ? '2026-12-28T10:00:00' : null,
  evaluators: ['评委甲'], ...extra,
})

function router(routes: { path: string; component: unknown }[]) {
  const stub = { template: '<div />' }
  const paths = new Set(routes.map((r) => r.path))
  const extra = ['/', '/evaluation/rounds', '/evaluation/rounds/:id', '/activities', '/activities/:id', '/attendance', '/voice/concerns', '/voice/talks', '/voice/contacts']
    .filter((p) => !paths.has(p))
    .map((path) => ({ path, component: stub }))
  return createRouter({ history: createMemoryHistory(), routes: [...routes, ...extra] as never })
}

async function mountRound(status: api.RoundStatus, tab = 'subjects', extra: Partial<api.RoundDetail> = {}) {
  let detail = roundDetail(status, extra)
  handler = (cmd, args) => {
    if (cmd === 'eval_round_get') return detail
    if (cmd === 'eval_marks') return [{ person_id: 7, indicator_id: 12, evaluator: '评委甲', mark: 90 }]
    if (cmd === 'eval_ballots') return [{ person_id: 7, indicator_id: 13, counts: { excellent: 8, competent: 2, basic: 0, incompetent: 0 } }]
    if (cmd === 'eval_parse_mark') {
      const words: Record<string, number> = { 优秀: 95, 良好: 85, 一般: 75, 较差: 60 }
      const got = words[args.input as string]
      if (got === undefined) throw { code: 'invalid', message: `分数：“${args.input}”无法识别，可填 0–100 或 优秀、良好、一般、较差` }
      return got
    }
    if (cmd === 'eval_marks_set') return (args.marks as unknown[]).length
    if (cmd === 'eval_ballot_set') return null
    if (cmd === 'eval_compute') {
      detail = roundDetail('评分中', { computed_at: '2026-12-20T10:00:00' })
      return detail
    }
    if (cmd === 'unit_tree') return []
    return null
  }
  const r = router([{ path: '/evaluation/rounds/:id', component: RoundDetail }])
  r.push(`/evaluation/rounds/3?tab=${tab}`)
  await r.isReady()
  const w = mount(RoundDetail, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
  await settle()
  return { w, r }
}

// ---------- pure rules ----------

describe('lib/evaluation', () => {
  it('adds the weights to one decimal, and only 100 is right', () => {
    expect(weightTotal([{ weight: 30 }, { weight: 40 }, { weight: 25 }])).toBe(95)
    expect(weightTotal([{ weight: 33.3 }, { weight: 33.3 }, { weight: 33.4 }])).toBe(100)
    expect(weightOk(100)).toBe(true)
    expect(weightOk(95)).toBe(false)
    expect(weightOk(100.1)).toBe(false)
  })

  it('warns before an edit of a used system makes its next version', () => {
    expect(versionWarning({ rounds: 0, version: 1, frozen: false })).toBeNull()
    expect(versionWarning({ rounds: 2, version: 3, frozen: true })).toBe('已被 2 个考核使用，保存后将生成第 4 版，已录入打分的考核仍使用原版本')
  })

  it('sets and clears the automatic fields with the method', () => {
    const auto = withMethod(blankIndicator('评委打分'), '系统数据')
    expect(auto).toMatchObject({ method: '系统数据', source: '活动出勤率', rule: '按目标比例', target: 95 })
    expect(withMethod(auto, '民主测评')).toMatchObject({ method: '民主测评', source: null, rule: null, target: null, bands: [] })
  })

  it('offers each status its actions, none to 查看 or once 已公布', () => {
    expect(roundActions('评分中', true)).toEqual(['compute', 'start_feedback'])
    expect(roundActions('结果反馈', true)).toEqual(['compute', 'reopen', 'publish'])
    expect(roundActions('已公布', true)).toEqual([])
    expect(roundActions('评分中', false)).toEqual([])
  })

  it('names periods and rounds', () => {
    expect(periodName('2026-10-01', '2026-12-31')).toBe('2026年第四季度')
    expect(periodName('2026-01-01', '2026-12-31')).toBe('2026年度')
    expect(periodName('2026-11-01', '2026-11-30')).toBe('2026年11月')
    expect(periodName('2026-02-01', '2026-02-28')).toBe('2026年2月')
    expect(periodName('2026-10-08', '2026-11-20')).toBe('2026-10-08至2026-11-20')
    expect(defaultRoundName('日常考核', '2026-10-01', '2026-12-31')).toBe('2026年第四季度政工干部日常考核')
    expect(quickRange('quarter', new Date(2026, 10, 24))).toEqual(['2026-10-01', '2026-12-31'])
    expect(quickRange('month', new Date(2026, 1, 10))).toEqual(['2026-02-01', '2026-02-28'])
    expect(quickRange('year', new Date(2026, 1, 10))).toEqual(['2026-01-01', '2026-12-31'])
  })

  it('collects every cell, words through the parser, empty ones as null', async () => {
    const parse = async (t: string) => {
      if (t === '良好') return 85
      throw { message: '无法识别' }
    }
    const marks = await collectMarks([7, 8], [12, 15], { '7:12': '88', '7:15': ' ', '8:12': '良好', '8:15': '７０' }, parse)
    expect(marks).toEqual([
      { person_id: 7, indicator_id: 12, mark: 88 },
      { person_id: 7, indicator_id: 15, mark: null },
      { person_id: 8, indicator_id: 12, mark: 85 },
      { person_id: 8, indicator_id: 15, mark: 70 },
    ])
    await expect(collectMarks([7], [12], { '7:12': '很好' }, parse)).rejects.toEqual({ personId: 7, indicatorId: 12, message: '无法识别' })
    await expect(collectMarks([7], [12], { '7:12': '120' }, parse)).rejects.toMatchObject({ message: '分数应为 0–100' })
  })

  it('scores ballots as the core does', () => {
    const p = { excellent: 100, competent: 80, basic: 60, incompetent: 0 }
    // (8 × 100 + 2 × 80) ÷ 10 = 96
    expect(ballotScore({ excellent: 8, competent: 2, basic: 0, incompetent: 0 }, p)).toBe(96)
    // (1 × 100 + 1 × 80 + 1 × 60) ÷ 3 = 80
    expect(ballotScore({ excellent: 1, competent: 1, basic: 1, incompetent: 0 }, p)).toBe(80)
    expect(ballotScore({ excellent: 0, competent: 0, basic: 0, incompetent: 0 }, p)).toBeNull()
  })

  it('finds the records behind each automatic figure', () => {
    expect(figureLink('组织活动次数', 2, '2026-10-01', '2026-12-31')).toEqual({
      path: '/activities', query: { unit_id: '2', from: '2026-10-01', to: '2026-12-31', status: '已开展' },
    })
    expect(figureLink('职工座谈会次数', 2, '2026-10-01', '2026-12-31')?.query.kind).toBe('职工座谈会')
    expect(figureLink('诉求满意率', 2, '2026-10-01', '2026-12-31')).toEqual({ path: '/voice/concerns', query: { unit_id: '2', from: '2026-10-01', to: '2026-12-31' } })
    expect(figureLink('活动出勤率', 2, '2026-10-01', '2026-12-31')?.path).toBe('/attendance')
    expect(figureLink('谈心谈话覆盖率', 2, '2026-10-01', '2026-12-31')?.path).toBe('/voice/talks')
    expect(figureLink('联系点走访覆盖率', 2, '2026-10-01', '2026-12-31')?.path).toBe('/voice/contacts')
    expect(figureLink('35岁及以下职工占比', 2, '2026-10-01', '2026-12-31')).toBeNull()
    expect(rangeQuery({ unit_id: '2', from: '2026-10-01', to: '2026-12-31' })).toEqual({ unitId: 2, range: ['2026-10-01', '2026-12-31'] })
    expect(rangeQuery({ unit_id: 'x', from: '2026-10-01' })).toEqual({ unitId: null, range: null })
  })
})

// ---------- 指标体系 ----------

describe('指标体系', () => {
  function systemsHandler(saveError = false) {
    handler = (cmd) => {
      if (cmd === 'eval_systems') return [summary]
      if (cmd === 'eval_system_get') {
        return system([
          ind(11, '活动出勤率', 30, '系统数据', { source: '活动出勤率', rule: '按目标比例', target: 95 }),
          ind(12, '工作实绩', 40, '评委打分'),
          ind(13, '群众评议', 25, '民主测评'),
        ], { frozen: true, rounds: 2 })
      }
      if (cmd === 'eval_system_save') {
        if (saveError) throw { code: 'invalid', message: '权重：各项指标权重合计应为 100，现为 95' }
        return 5
      }
      return null
    }
  }

  it('shows 权重合计 red until it is 100, warns of the new version, and saves the weights typed', async () => {
    systemsHandler()
    const w = mount(Systems, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await settle()
    expect(q('sys-row-name')?.textContent).toBe('政工干部日常考核指标体系')
    q('sys-edit')!.click()
    await settle()
    const total = q('sys-weight-total')!
    expect(total.textContent).toBe('权重合计 95')
    expect(total.classList.contains('bad')).toBe(true)
    expect(q('sys-weight-hint')?.textContent).toContain('应为 100')
    expect(q('sys-version-warning')?.textContent).toContain('已被 2 个考核使用，保存后将生成第 2 版，已录入打分的考核仍使用原版本')

    type(all('sys-ind-weight')[2], '30')
    await settle()
    expect(q('sys-weight-total')!.textContent).toBe('权重合计 100')
    expect(q('sys-weight-total')!.classList.contains('ok')).toBe(true)
    expect(q('sys-weight-hint')).toBeNull()

    q('sys-save')!.click()
    await settle()
    const sent = last(callsOf('eval_system_save'))!
    expect(sent.id).toBe(1)
    const input = sent.input as api.SystemInput
    expect(input.indicators.map((i) => i.weight)).toEqual([30, 40, 30])
    expect(input.indicators[0]).toMatchObject({ method: '系统数据', source: '活动出勤率', rule: '按目标比例', target: 95, bands: [] })
    expect(input.indicators[1]).toMatchObject({ method: '评委打分', source: null, rule: null, target: null })
    w.unmount()
  })

  it('shows the core’s own words when saving is refused', async () => {
    systemsHandler(true)
    const w = mount(Systems, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await settle()
    q('sys-edit')!.click()
    await settle()
    q('sys-save')!.click()
    await settle()
    expect(q('form-error')?.textContent).toContain('各项指标权重合计应为 100，现为 95')
    w.unmount()
  })

  it('查看 sees the systems but neither 新建 nor 停用, and cannot save', async () => {
    session.value = VIEWER
    systemsHandler()
    const w = mount(Systems, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await settle()
    expect(q('sys-new')).toBeNull()
    expect(q('sys-retire')).toBeNull()
    expect(q('sys-edit')?.textContent?.trim()).toBe('查看')
    q('sys-edit')!.click()
    await settle()
    expect(q('sys-save')).toBeNull()
    expect(q('sys-close')).not.toBeNull()
    expect(q('sys-version-warning')).toBeNull()
    w.unmount()
  })
})

// ---------- 考核 ----------

describe('考核列表', () => {
  it('lists rounds with what waits, and offers 删除 only while 评分中', async () => {
    const row = (id: number, status: api.RoundStatus, incomplete: number, unconfirmed: number): api.RoundSummary => ({
      id, name: `考核${id}`, kind: '日常考核', period_from: '2026-10-01', period_to: '2026-12-31', status, system_id: 1,
      system_name: '政工干部日常考核指标体系', system_version: 2, subjects: 5, incomplete, unconfirmed,
    })
    handler = (cmd) => (cmd === 'eval_rounds' ? [row(1, '评分中', 2, 0), row(2, '结果反馈', 0, 3), row(3, '已公布', 0, 0)] : null)
    const r = router([{ path: '/evaluation/rounds', component: Rounds }])
    r.push('/evaluation/rounds')
    await r.isReady()
    const w = mount(Rounds, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await settle()
    expect(all('round-row-status').map((e) => e.textContent)).toEqual(['评分中', '结果反馈', '已公布'])
    expect(all('round-row-waiting').map((e) => e.textContent)).toEqual(['待评分 2', '待确认 3'])
    expect(all('round-delete').length).toBe(1)
    expect(q('round-new')).not.toBeNull()
    w.unmount()
  })
})

describe('考核详情', () => {
  it('评分中 offers 计算结果 and 进入结果反馈 only', async () => {
    const { w } = await mountRound('评分中')
    expect(q('round-status')?.textContent).toBe('评分中')
    expect(q('round-compute')).not.toBeNull()
    expect(q('round-start-feedback')).not.toBeNull()
    expect(q('round-reopen')).toBeNull()
    expect(q('round-publish')).toBeNull()
    expect(q('round-edit')).not.toBeNull()
    expect(all('subject-remove').length).toBe(2)
    expect(q('subjects-add-units')).not.toBeNull()
    w.unmount()
  })

  it('结果反馈 offers 退回评分 and 公布, and no more marking', async () => {
    const { w } = await mountRound('结果反馈')
    expect(q('round-reopen')).not.toBeNull()
    expect(q('round-publish')).not.toBeNull()
    expect(q('round-compute')).not.toBeNull()
    expect(q('round-start-feedback')).toBeNull()
    expect(q('round-edit')).toBeNull()
    expect(q('subject-remove')).toBeNull()
    expect(q('marks-save')).toBeNull()
    expect(all('feedback-confirm').length).toBe(2)
    w.unmount()
  })

  it('已公布 offers no action and says it is locked', async () => {
    const { w } = await mountRound('已公布')
    for (const id of ['round-compute', 'round-start-feedback', 'round-reopen', 'round-publish', 'round-edit', 'marks-save', 'ballot-save', 'feedback-confirm', 'feedback-save']) {
      expect(q(id), id).toBeNull()
    }
    expect(q('round-locked')?.textContent).toContain('不能再修改')
    w.unmount()
  })

  it('查看 sees a 评分中 round without any action', async () => {
    session.value = VIEWER
    const { w } = await mountRound('评分中')
    for (const id of ['round-compute', 'round-start-feedback', 'round-edit', 'subject-remove', 'subjects-add-units', 'marks-save', 'ballot-save']) {
      expect(q(id), id).toBeNull()
    }
    expect(q('round-print')).not.toBeNull()
    w.unmount()
  })

  it('计算结果 asks first, then shows the results', async () => {
    const { w } = await mountRound('评分中')
    q('round-compute')!.click()
    await settle()
    const box = last(Array.from(document.querySelectorAll('.el-message-box'))) as HTMLElement
    expect(box.textContent).toContain('计算并保存')
    ;(box.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement).click()
    await settle()
    expect(callsOf('eval_compute')).toEqual([{ round_id: 3 }])
    expect(q('results-preview')).toBeNull()
    w.unmount()
  })

  it('the evaluator grid sends every cell of the evaluator, words read by the core', async () => {
    const { w } = await mountRound('评分中', 'marks')
    pickOption('评委甲')
    await settle()
    // The evaluator's earlier mark is in the grid.
    expect(inputOf(q('marks-cell-7-12')!).value).toBe('90')
    type(q('marks-cell-7-12')!, '88')
    type(q('marks-cell-8-12')!, '优秀')
    type(q('marks-cell-8-15')!, '82.5')
    await settle()
    q('marks-save')!.click()
    await settle()
    expect(callsOf('eval_parse_mark')).toEqual([{ input: '优秀' }])
    expect(callsOf('eval_marks_set')).toEqual([
      {
        round_id: 3,
        evaluator: '评委甲',
        marks: [
          { person_id: 7, indicator_id: 12, mark: 88 },
          { person_id: 7, indicator_id: 15, mark: null },
          { person_id: 8, indicator_id: 12, mark: 95 },
          { person_id: 8, indicator_id: 15, mark: 82.5 },
        ],
      },
    ])
    w.unmount()
  })

  it('a word the core cannot read stops the save and marks the cell', async () => {
    const { w } = await mountRound('评分中', 'marks')
    pickOption('评委甲')
    await settle()
    type(q('marks-cell-8-12')!, '很好')
    await settle()
    q('marks-save')!.click()
    await settle()
    expect(callsOf('eval_marks_set')).toEqual([])
    expect(document.body.textContent).toContain('李四·工作实绩：分数：“很好”无法识别')
    w.unmount()
  })

  it('民主测评 sends only the rows changed', async () => {
    const { w } = await mountRound('评分中', 'ballots')
    // 张三: (8 × 100 + 2 × 80) ÷ 10 = 96.00
    expect(q('ballot-score')?.textContent).toBe('96.00')
    type(all('ballot-excellent')[1], '6')
    type(all('ballot-competent')[1], '4')
    await settle()
    q('ballot-save')!.click()
    await settle()
    expect(callsOf('eval_ballot_set')).toEqual([
      { round_id: 3, person_id: 8, indicator_id: 13, counts: { excellent: 6, competent: 4, basic: 0, incompetent: 0 } },
    ])
    w.unmount()
  })

  it('a figure opens the records behind it: 活动 of the unit in the period', async () => {
    const { w, r } = await mountRound('结果反馈', 'results')
    expect(q('results-score-7-11')?.textContent).toBe('92.11')
    expect(q('results-figure-7-11')?.textContent).toBe('87.5%')
    q('results-figure-7-14')!.click()
    await settle()
    expect(r.currentRoute.value.path).toBe('/activities')
    expect(r.currentRoute.value.query).toEqual({ unit_id: '2', from: '2026-10-01', to: '2026-12-31', status: '已开展' })
    // Marks and ballots have no records to open.
    expect(q('results-figure-7-12')).toBeNull()
    w.unmount()
  })
})

describe('the records behind a figure read the address', () => {
  it('活动 filters by organiser unit, period and status', async () => {
    handler = (cmd) => {
      if (cmd === 'activity_list') return { total: 0, offset: 0, items: [] }
      if (cmd === 'unit_tree') return []
      return null
    }
    const r = router([{ path: '/activities', component: Activities }])
    r.push('/activities?unit_id=2&from=2026-10-01&to=2026-12-31&status=已开展&kind=职工座谈会')
    await r.isReady()
    const w = mount(Activities, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await settle()
    expect(last(callsOf('activity_list'))?.filter).toMatchObject({
      organizer_unit_id: 2, from: '2026-10-01', to: '2026-12-31', status: '已开展', kind: '职工座谈会',
    })
    w.unmount()
  })

  it('群众诉求 filters by unit and period', async () => {
    handler = (cmd) => {
      if (cmd === 'concern_list') return { total: 0, offset: 0, items: [] }
      if (cmd === 'concern_categories' || cmd === 'unit_tree') return []
      return null
    }
    const r = router([{ path: '/voice/concerns', component: Concerns }])
    r.push('/voice/concerns?unit_id=2&from=2026-10-01&to=2026-12-31')
    await r.isReady()
    const w = mount(Concerns, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await settle()
    expect(last(callsOf('concern_list'))?.filter).toMatchObject({ unit_id: 2, from: '2026-10-01', to: '2026-12-31' })
    w.unmount()
  })
})
