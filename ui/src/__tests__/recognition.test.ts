// 推优评先 and 荣誉 with the IPC stubbed: the pure rules (stages, the rules editor, the votes
// payload, the honours filter, the waiting lines, the history chart) and the screens — ineligible
// candidates shown with their reasons, the votes sent, each stage's buttons, the honours filter
// sent, the person page's 考核与荣誉, and the 工作台 card hidden when nothing waits.
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
import Recognition from '../views/evaluation/Recognition.vue'
import RecognitionDetail from '../views/evaluation/RecognitionDetail.vue'
import Honours from '../views/evaluation/Honours.vue'
import Dashboard from '../views/Dashboard.vue'
import PersonEvaluation from '../components/PersonEvaluation.vue'
import { session } from '../session'
import { ADMIN, VIEWER, all, inputOf, last, pickOption, q, settle, type } from './dom'
import { toDateStr, addDays } from '../lib/format'
import {
  canPrintNotice,
  defaultPublicity,
  formFromRules,
  historyOption,
  honourFilter,
  ineligibleReasons,
  rankText,
  rulesFromForm,
  rulesText,
  stageActions,
  stageIndex,
  votesPayload,
  waitingText,
} from '../views/evaluation/RecognitionRules'

beforeEach(() => {
  calls.length = 0
  session.value = ADMIN
})
afterEach(() => {
  document.body.innerHTML = ''
})

const callsOf = (cmd: string) => calls.filter(([c]) => c === cmd).map(([, a]) => a)
async function confirmBox(): Promise<string> {
  await settle()
  const box = last(Array.from(document.querySelectorAll('.el-message-box'))) as HTMLElement
  expect(box).toBeTruthy()
  const text = box.textContent ?? ''
  ;(box.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement).click()
  await settle()
  return text
}

// ---------- fixtures ----------

type Candidate = api.Candidate
type Round = api.RecognitionRound
const IN_POST = { kind: 'in_post' } as const
const ATT80 = { kind: 'attendance_at_least', percent: 80 } as const
const cand = (id: number, name: string, attendance: string, passed: boolean, extra: Partial<Candidate> = {}): Candidate => ({
  nomination_id: id, person_id: 10 + id, unit_id: null, name, unit_name: '城关供电所', by_unit_id: 2, by_unit_name: '党建部',
  deeds: `${name}扎根基层十余年，组织开展职工思想动态分析，推动群众诉求按期办结，所在供电所连续三年获评先进。`,
  checks: [
    { rule: IN_POST, label: '在职', passed: true, found: '在职' },
    { rule: ATT80, label: '出勤率不低于 80%', passed, found: attendance },
  ],
  eligible: passed, votes: null, rank: null, selected: false, note: null, withdrawn: null, ...extra,
})
const candidates = [
  cand(1, '张三', '出勤率 92.5%', true),
  cand(2, '李四', '出勤率 62.5%', false),
  cand(3, '王五', '出勤率 85%', true),
]
const round = (status: Round['status'], extra: Partial<Round> = {}): Round => ({
  id: 3, uid: 'r3',
  input: {
    name: '2026年度优秀政工干部评选', honour_title: '优秀政工干部', year: 2026, target: '个人', quota: 1,
    rules: [IN_POST, ATT80], granted_by: '国网示范县供电公司',
  },
  status, notice_from: null, notice_to: null, confirmed_on: null, candidates, ...extra,
})

function makeRouter(path: string, component: unknown) {
  const stub = { template: '<div />' }
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path, component },
      ...['/', '/evaluation/recognition', '/evaluation/rounds', '/evaluation/rounds/:id', '/people/:id', '/evaluation/honours']
        .filter((p) => p !== path)
        .map((p) => ({ path: p, component: stub })),
    ] as never,
  })
}

async function mountDetail(r: Round) {
  handler = (cmd) => {
    if (cmd === 'recognition_get') return r
    if (cmd === 'unit_tree') return []
    return null
  }
  const router = makeRouter('/evaluation/recognition/:id', RecognitionDetail)
  router.push(`/evaluation/recognition/${r.id}`)
  await router.isReady()
  const w = mount({ template: '<router-view />' }, { global: { plugins: [ElementPlus, router] }, attachTo: document.body })
  await settle()
  return w
}

// ---------- pure rules ----------

describe('推优评先 rules', () => {
  it('offers each stage its own actions only', () => {
    expect(stageActions('推荐中')).toEqual(['edit', 'nominate', 'start_voting'])
    expect(stageActions('投票中')).toEqual(['edit', 'votes', 'start_publicity'])
    expect(stageActions('公示中')).toEqual(['withdraw', 'confirm'])
    expect(stageActions('已确认')).toEqual([])
    expect([canPrintNotice('推荐中'), canPrintNotice('投票中'), canPrintNotice('公示中'), canPrintNotice('已确认')]).toEqual([false, false, true, true])
    expect(['推荐中', '投票中', '公示中', '已确认'].map((s) => stageIndex(s as Round['status']))).toEqual([0, 1, 2, 3])
    expect(defaultPublicity('2026-12-28')).toEqual(['2026-12-28', '2027-01-03'])
  })

  it('turns the rules editor into the core rules, a 集体 round keeping the attendance rule only', () => {
    const form = { inPost: true, cadre: true, party: true, attendance: 80, grade: '称职' as const }
    const person = rulesFromForm(form, '个人')
    expect(person).toEqual([
      { kind: 'in_post' },
      { kind: 'political_cadre' },
      { kind: 'party_member' },
      { kind: 'attendance_at_least', percent: 80 },
      { kind: 'last_grade_at_least', grade: '称职' },
    ])
    expect(rulesFromForm(form, '集体')).toEqual([{ kind: 'attendance_at_least', percent: 80 }])
    expect(rulesFromForm({ ...form, attendance: null, grade: null, cadre: false, party: false }, '个人')).toEqual([{ kind: 'in_post' }])
    expect(formFromRules(person)).toEqual(form)
    expect(rulesText(person)).toBe('在职；政工干部；中共党员（含预备党员）；出勤率不低于 80%；最近一次考核等级不低于称职')
    expect(rulesText([])).toBe('不限')
  })

  it('gives an ineligible candidate each failed rule with what was found', () => {
    expect(ineligibleReasons(candidates[1]!)).toEqual(['出勤率不低于 80%：出勤率 62.5%'])
    expect(ineligibleReasons(candidates[0]!)).toEqual([])
  })

  it('sends votes for the eligible only, blank as null, and refuses what is not a whole count', () => {
    const withdrawn = cand(4, '赵六', '出勤率 90%', true, { withdrawn: '有异议' })
    const list = [...candidates, withdrawn]
    expect(votesPayload(list, { 1: 12, 2: 30, 3: null, 4: 5 })).toEqual([
      { nomination_id: 1, votes: 12 },
      { nomination_id: 3, votes: null },
    ])
    expect(votesPayload(list, { 1: 0, 3: 7 })).toEqual([
      { nomination_id: 1, votes: 0 },
      { nomination_id: 3, votes: 7 },
    ])
    expect(votesPayload(list, { 1: -1, 3: 7 })).toBe('张三的票数应为 0 或正整数')
    expect(votesPayload(list, { 1: 2, 3: 2.5 })).toBe('王五的票数应为 0 或正整数')
  })

  it('words the honours filter, the waiting rounds and the history', () => {
    expect(honourFilter({ year: 2025, unitId: 4, search: '  先进 ' })).toEqual({ year: 2025, unit_id: 4, person_id: null, search: '先进' })
    expect(honourFilter({ year: null, unitId: null, search: ' ' })).toEqual({ year: null, unit_id: null, person_id: null, search: null })
    expect(waitingText({ status: '评分中', waiting: 3 })).toBe('3 人待评分')
    expect(waitingText({ status: '结果反馈', waiting: 2 })).toBe('2 人待确认')
    expect(rankText({ rank: 2, of: 7 })).toBe('2/7')
    expect(rankText({ rank: null, of: 7 })).toBe('—')
    const h = (name: string, total: number | null): api.EvalHistoryRow => ({
      round_id: 1, round_name: name, kind: '日常考核', period_from: '2026-01-01', period_to: '2026-03-31',
      status: '已公布', total, rank: 1, of: 5, grade: '优秀',
    })
    const option = historyOption([h('第一季度', 88.5), h('第二季度', null), h('第三季度', 91.25)]) as {
      xAxis: { data: string[] }
      series: { type: string; data: number[] }[]
    }
    expect(option.xAxis.data).toEqual(['第一季度', '第三季度'])
    expect(option.series[0]!.type).toBe('line')
    expect(option.series[0]!.data).toEqual([88.5, 91.25])
    expect(historyOption([h('第二季度', null)])).toBeNull()
  })
})

// ---------- the round page ----------

describe('推优评先：评选页', () => {
  it('shows ineligible candidates, marked, with the reasons — not hidden', async () => {
    const w = await mountDetail(round('推荐中'))
    expect(all('cand-name').map((e) => e.textContent?.trim())).toEqual(['张三', '李四', '王五'])
    expect(all('cand-ineligible')).toHaveLength(1)
    expect(all('cand-eligible')).toHaveLength(2)
    expect(all('cand-reasons').map((e) => e.textContent?.trim())).toEqual(['出勤率不低于 80%：出勤率 62.5%'])
    const rows = Array.from(q('cand-table')!.querySelectorAll('.el-table__body tr'))
    expect(rows[1]!.className).toContain('cand-ineligible')
    expect(rows[0]!.className).not.toContain('cand-ineligible')
    const checks = all('cand-check').map((e) => e.textContent?.trim())
    expect(checks).toContain('✗ 出勤率 62.5%')
    expect(checks).toContain('✓ 出勤率 92.5%')
    expect(q('cand-table')!.textContent).toContain('出勤率不低于 80%')
    w.unmount()
  })

  it('edits a nomination keeping whom it is for, and removes one after asking', async () => {
    const w = await mountDetail(round('推荐中'))
    all('cand-edit')[0]!.click()
    await settle()
    expect(q('nom-fixed')?.textContent).toContain('张三')
    expect(q('nom-person')).toBeNull()
    type(q('nom-deeds')!, '  带领班组完成年度思想政治工作任务。 ')
    q('nom-save')!.click()
    await settle()
    expect(last(callsOf('recognition_nomination_update'))).toEqual({
      nomination_id: 1,
      input: { person_id: 11, unit_id: null, by_unit_id: 2, deeds: '带领班组完成年度思想政治工作任务。' },
    })
    all('cand-remove')[1]!.click()
    expect(await confirmBox()).toContain('李四')
    expect(callsOf('recognition_nomination_remove')).toEqual([{ nomination_id: 2 }])
    w.unmount()
  })

  it('expands the 事迹 on demand', async () => {
    const w = await mountDetail(round('推荐中'))
    const deeds = all('cand-deeds')[0]!
    expect(deeds.textContent).toContain('…')
    expect(deeds.textContent).not.toContain('连续三年获评先进')
    ;(deeds.querySelector('[data-testid=cand-deeds-toggle]') as HTMLElement).click()
    await settle()
    expect(all('cand-deeds')[0]!.textContent).toContain('连续三年获评先进')
    expect(all('cand-deeds')[0]!.textContent).toContain('收起')
    w.unmount()
  })

  it('shows each stage its buttons, and none to 查看', async () => {
    const shown = () =>
      ['rec-edit', 'stage-nominate', 'stage-start-voting', 'stage-votes-save', 'stage-start-publicity', 'stage-confirm', 'rec-print-notice', 'cand-edit', 'cand-withdraw'].filter(
        (t) => q(t),
      )
    let w = await mountDetail(round('推荐中'))
    expect(shown()).toEqual(['rec-edit', 'stage-nominate', 'stage-start-voting', 'cand-edit'])
    w.unmount()
    w = await mountDetail(round('投票中'))
    expect(shown()).toEqual(['rec-edit', 'stage-votes-save', 'stage-start-publicity'])
    w.unmount()
    const selected = candidates.map((c) => (c.nomination_id === 1 ? { ...c, votes: 12, rank: 1, selected: true } : c))
    w = await mountDetail(round('公示中', { candidates: selected, notice_from: '2026-12-01', notice_to: '2026-12-07' }))
    expect(shown()).toEqual(['stage-confirm', 'rec-print-notice', 'cand-withdraw'])
    expect(all('cand-withdraw')).toHaveLength(1)
    expect(q('rec-notice')?.textContent).toContain('2026年12月7日')
    w.unmount()
    w = await mountDetail(round('已确认', { candidates: selected }))
    expect(shown()).toEqual(['rec-print-notice'])
    w.unmount()
    session.value = VIEWER
    w = await mountDetail(round('投票中'))
    expect(shown()).toEqual([])
    expect(all('cand-votes-input')).toHaveLength(0)
    w.unmount()
  })

  it('takes votes for the eligible only and sends them per nomination', async () => {
    const w = await mountDetail(round('投票中'))
    const inputs = all('cand-votes-input')
    expect(inputs).toHaveLength(2)
    type(inputs[0]!, '12')
    type(inputs[1]!, '7')
    await settle()
    q('stage-votes-save')!.click()
    await settle()
    expect(last(callsOf('recognition_votes_set'))).toEqual({
      round_id: 3,
      votes: [
        { nomination_id: 1, votes: 12 },
        { nomination_id: 3, votes: 7 },
      ],
    })
    w.unmount()
  })

  it('starts voting after asking, and the 公示 with today to today+6', async () => {
    let w = await mountDetail(round('推荐中'))
    q('stage-start-voting')!.click()
    expect(await confirmBox()).toContain('共推荐 3 人')
    expect(last(callsOf('recognition_start_voting'))).toEqual({ round_id: 3 })
    w.unmount()
    w = await mountDetail(round('投票中', { candidates: candidates.map((c) => ({ ...c, votes: c.eligible ? 5 : null })) }))
    q('stage-start-publicity')!.click()
    await settle()
    q('publicity-save')!.click()
    await settle()
    const today = toDateStr(new Date())
    expect(last(callsOf('recognition_start_publicity'))).toEqual({ round_id: 3, from: today, to: addDays(today, 6) })
    // The votes were already saved: not sent again.
    expect(callsOf('recognition_votes_set')).toHaveLength(0)
    w.unmount()
  })

  it('withdraws a selected candidate with the reason, and confirms on today', async () => {
    const selected = candidates.map((c) => (c.nomination_id === 1 ? { ...c, votes: 12, rank: 1, selected: true } : c))
    const w = await mountDetail(round('公示中', { candidates: selected }))
    q('cand-withdraw')!.click()
    await settle()
    q('withdraw-save')!.click()
    await settle()
    expect(q('form-error')?.textContent).toContain('请填写撤回原因')
    type(q('withdraw-reason')!, '公示期间收到异议，经核实属实')
    q('withdraw-save')!.click()
    await settle()
    expect(last(callsOf('recognition_withdraw'))).toEqual({ nomination_id: 1, reason: '公示期间收到异议，经核实属实' })
    q('stage-confirm')!.click()
    await settle()
    q('confirm-save')!.click()
    await settle()
    expect(last(callsOf('recognition_confirm'))).toEqual({ round_id: 3, on: toDateStr(new Date()) })
    w.unmount()
  })

  it('shows a tie note and a withdrawal reason', async () => {
    const list = [
      cand(1, '张三', '出勤率 92.5%', true, { votes: 9, rank: 1, note: '与王五并列第 1 名，超出名额，均未当选，请另行决定' }),
      cand(3, '王五', '出勤率 85%', true, { votes: 9, rank: 1, selected: false }),
      cand(4, '赵六', '出勤率 90%', true, { votes: 8, rank: 3, selected: true, withdrawn: '公示期间收到异议' }),
    ]
    const w = await mountDetail(round('公示中', { candidates: list }))
    expect(q('cand-note')?.textContent).toContain('并列')
    expect(q('cand-withdrawn-reason')?.textContent).toBe('撤回原因：公示期间收到异议')
    expect(all('cand-selected')).toHaveLength(0)
    expect(all('cand-rank').map((e) => e.textContent)).toEqual(['1', '1', '3'])
    w.unmount()
  })
})

// ---------- the list ----------

describe('推优评先：列表与新建', () => {
  it('lists the rounds and sends a new round with its rules', async () => {
    const summary = {
      id: 3, name: '2026年度优秀政工干部评选', honour_title: '优秀政工干部', year: 2026, target: '个人', quota: 2,
      status: '公示中', candidates: 5, selected: 2, notice_to: '2026-12-07',
    }
    handler = (cmd) => {
      if (cmd === 'recognition_rounds') return [summary]
      if (cmd === 'recognition_save') return 9
      return null
    }
    const router = makeRouter('/evaluation/recognition', Recognition)
    router.push('/evaluation/recognition')
    await router.isReady()
    const w = mount({ template: '<router-view />' }, { global: { plugins: [ElementPlus, router] }, attachTo: document.body })
    await settle()
    const table = q('rec-table')!.textContent ?? ''
    expect(table).toContain('2026年度优秀政工干部评选')
    expect(table).toContain('公示中')
    expect(table).toContain('2026年12月7日')
    q('rec-add')!.click()
    await settle()
    type(q('rec-title')!, '优秀共产党员')
    type(q('rec-quota')!, '3')
    ;(q('rule-party')!.querySelector('input') as HTMLInputElement).click()
    type(q('rule-attendance')!, '80')
    await settle()
    q('rec-save')!.click()
    await settle()
    const year = new Date().getFullYear()
    expect(last(callsOf('recognition_save'))).toEqual({
      id: null,
      input: {
        name: `${year}年度优秀共产党员评选`, honour_title: '优秀共产党员', year, target: '个人', quota: 3,
        rules: [{ kind: 'in_post' }, { kind: 'party_member' }, { kind: 'attendance_at_least', percent: 80 }],
        granted_by: null,
      },
    })
    expect(router.currentRoute.value.path).toBe('/evaluation/recognition/9')
    w.unmount()
  })
})

// ---------- 荣誉 ----------

const honour = (extra: Partial<api.Honour> = {}): api.Honour => ({
  id: 1, uid: 'h1', person_id: 11, unit_id: null, title: '优秀政工干部', year: 2025, awarded_on: '2025-12-20',
  granted_by: '国网示范县供电公司', note: null, holder: '张三', unit_name: '城关供电所', round_id: 3, ...extra,
})

describe('荣誉', () => {
  it('sends the filters as the core takes them and shows where each honour came from', async () => {
    handler = (cmd) => {
      if (cmd === 'honours') return [honour(), honour({ id: 2, person_id: null, unit_id: 5, holder: '城关供电所运检班', title: '先进班组', round_id: null })]
      if (cmd === 'unit_tree') return []
      return null
    }
    const router = makeRouter('/evaluation/honours', Honours)
    router.push('/evaluation/honours')
    await router.isReady()
    const w = mount({ template: '<router-view />' }, { global: { plugins: [ElementPlus, router] }, attachTo: document.body })
    await settle()
    expect(last(callsOf('honours'))).toEqual({ filter: { year: null, unit_id: null, person_id: null, search: null } })
    expect(q('honour-source-round')?.textContent).toBe('推优评先')
    expect(q('honour-source-manual')?.textContent).toBe('手工登记')
    ;(q('honour-filter-year')!.querySelector('.el-select__wrapper') as HTMLElement).click()
    await settle()
    pickOption('2025年')
    await settle()
    expect(last(callsOf('honours'))).toEqual({ filter: { year: 2025, unit_id: null, person_id: null, search: null } })
    const search = inputOf(q('honour-search')!)
    search.value = '先进'
    search.dispatchEvent(new Event('input'))
    search.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }))
    await settle()
    expect(last(callsOf('honours'))).toEqual({ filter: { year: 2025, unit_id: null, person_id: null, search: '先进' } })
    w.unmount()
  })

  it('refuses an honour without its holder, and deletes one after asking', async () => {
    handler = (cmd) => {
      if (cmd === 'honours') return [honour()]
      if (cmd === 'unit_tree') return []
      return null
    }
    const router = makeRouter('/evaluation/honours', Honours)
    router.push('/evaluation/honours')
    await router.isReady()
    const w = mount({ template: '<router-view />' }, { global: { plugins: [ElementPlus, router] }, attachTo: document.body })
    await settle()
    q('honour-add')!.click()
    await settle()
    type(q('honour-title')!, '优秀共产党员')
    q('honour-save')!.click()
    await settle()
    expect(q('form-error')?.textContent).toContain('请选择获得荣誉的职工')
    expect(callsOf('honour_save')).toHaveLength(0)
    q('honour-delete')!.click()
    expect(await confirmBox()).toContain('张三的“2025年度优秀政工干部”')
    expect(callsOf('honour_delete')).toEqual([{ id: 1 }])
    w.unmount()
  })

  it('has no editing for 查看', async () => {
    session.value = VIEWER
    handler = (cmd) => (cmd === 'honours' ? [honour()] : cmd === 'unit_tree' ? [] : null)
    const router = makeRouter('/evaluation/honours', Honours)
    router.push('/evaluation/honours')
    await router.isReady()
    const w = mount({ template: '<router-view />' }, { global: { plugins: [ElementPlus, router] }, attachTo: document.body })
    await settle()
    expect(q('honour-add')).toBeNull()
    expect(q('honour-edit')).toBeNull()
    expect(q('honour-delete')).toBeNull()
    expect(q('honour-print')).not.toBeNull()
    w.unmount()
  })
})

// ---------- 个人页 ----------

describe('个人页：考核与荣誉', () => {
  it('shows the history with rank "2/7", the chart and the honours of the person', async () => {
    const rows: api.EvalHistoryRow[] = [
      { round_id: 5, round_name: '2026年第一季度政工干部日常考核', kind: '日常考核', period_from: '2026-01-01', period_to: '2026-03-31', status: '已公布', total: 86.5, rank: 2, of: 7, grade: '称职' },
      { round_id: 6, round_name: '2026年第二季度政工干部日常考核', kind: '日常考核', period_from: '2026-04-01', period_to: '2026-06-30', status: '已公布', total: 91, rank: 1, of: 7, grade: '优秀' },
    ]
    handler = (cmd) => {
      if (cmd === 'eval_history') return rows
      if (cmd === 'honours') return [honour()]
      return null
    }
    const router = makeRouter('/people/:id', { template: '<div />' })
    router.push('/people/11')
    await router.isReady()
    const person = { id: 11, name: '张三' } as api.Person
    const w = mount(PersonEvaluation, { props: { person }, global: { plugins: [ElementPlus, router], stubs: { Chart: true } }, attachTo: document.body })
    await settle()
    expect(callsOf('eval_history')).toEqual([{ person_id: 11 }])
    expect(callsOf('honours')).toEqual([{ filter: { year: null, unit_id: null, person_id: 11, search: null } }])
    expect(all('person-eval-rank').map((e) => e.textContent)).toEqual(['2/7', '1/7'])
    expect(all('person-eval-total').map((e) => e.textContent)).toEqual(['86.50', '91.00'])
    expect(q('person-eval-chart')).not.toBeNull()
    expect(q('person-honours')!.textContent).toContain('优秀政工干部')
    // 登记荣誉 from the person page: the person is given.
    q('person-honour-add')!.click()
    await settle()
    type(q('honour-title')!, '优秀共产党员')
    type(q('honour-granted-by')!, '中共示范县供电公司委员会')
    q('honour-save')!.click()
    await settle()
    expect(last(callsOf('honour_save'))).toEqual({
      id: null,
      input: {
        person_id: 11, unit_id: null, title: '优秀共产党员', year: new Date().getFullYear(), awarded_on: toDateStr(new Date()),
        granted_by: '中共示范县供电公司委员会', note: null,
      },
    })
    expect(callsOf('honours')).toHaveLength(2)
    w.unmount()
  })

  it('draws no chart without a computed round', async () => {
    handler = () => []
    const router = makeRouter('/people/:id', { template: '<div />' })
    const w = mount(PersonEvaluation, { props: { person: { id: 11, name: '张三' } as api.Person }, global: { plugins: [ElementPlus, router], stubs: { Chart: true } }, attachTo: document.body })
    await settle()
    expect(q('person-eval-chart')).toBeNull()
    expect(q('person-eval-history')!.textContent).toContain('没有考核记录')
    w.unmount()
  })
})

// ---------- 工作台 ----------

describe('工作台：考核评价', () => {
  const board = (eval_waiting: api.RoundWaiting[]) => ({
    today: '2026-11-30', upcoming: [], latest: [], month_activities: 0,
    month: { invited: 0, attended: 0, present: 0, late: 0, leave: 0, absent: 0, not_checked_in: 0, walk_ins: 0, rate: null },
    structure: {
      as_of: '2026-11-30', population: 'all', headcount: 12, average_age: 45, median_age: null, share_35_and_under: null,
      share_50_and_over: null, cadres: 2, reserves: 0, reserve_per_cadre: null, pyramid: [], education: [],
      professional_title: [], skill_level: [], political_status: [],
    },
    warnings: [], overdue: [], retirement_category_missing: 0, unit_count: 3, staff_count: 12,
    concerns_open: 0, concerns_overdue: 0, overdue_concerns: [], unreported_opinions: [], unvisited_points: [],
    eval_waiting,
  })
  async function mountBoard(waiting: api.RoundWaiting[]) {
    handler = (cmd) => {
      if (cmd === 'dashboard') return board(waiting)
      if (cmd === 'attendance_current_runs') return []
      return null
    }
    const router = makeRouter('/', Dashboard)
    router.push('/')
    await router.isReady()
    const w = mount(Dashboard, { global: { plugins: [ElementPlus, router] }, attachTo: document.body })
    await settle()
    return { w, router }
  }

  it('lists the rounds waiting and leads to each', async () => {
    const { w, router } = await mountBoard([
      { id: 5, name: '2026年第四季度政工干部日常考核', status: '评分中', waiting: 3 },
      { id: 6, name: '2026年度政工干部定期考核', status: '结果反馈', waiting: 2 },
    ])
    expect(q('dash-eval')).not.toBeNull()
    expect(all('dash-eval-waiting').map((e) => e.textContent)).toEqual(['3 人待评分', '2 人待确认'])
    all('dash-eval-round')[1]!.click()
    await settle()
    expect(router.currentRoute.value.path).toBe('/evaluation/rounds/6')
    w.unmount()
  })

  it('is hidden when nothing waits', async () => {
    const { w } = await mountBoard([])
    expect(q('dashboard-latest')).not.toBeNull()
    expect(q('dash-eval')).toBeNull()
    w.unmount()
  })
})
