// 党群沟通 with the IPC stubbed: the pure rules (which actions a status allows, colours, periods,
// the prefill read from the address) and the screens — the concern's buttons by status, 不满意's
// reopen wording, hidden talk summaries, the 工作台 card, 登记诉求 prefilled from a link.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
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

import * as api from '../api'
import App from '../App.vue'
import ActivityDetail from '../views/ActivityDetail.vue'
import Dashboard from '../views/Dashboard.vue'
import ConcernDrawer from '../views/voice/ConcernDrawer.vue'
import Concerns from '../views/voice/Concerns.vue'
import Opinions from '../views/voice/Opinions.vue'
import Talks from '../views/voice/Talks.vue'
import Contacts from '../views/voice/Contacts.vue'
import Reports from '../views/voice/Reports.vue'
import { session } from '../session'
import {
  SUMMARY_HIDDEN,
  closeHint,
  concernActions,
  concernLink,
  concernPrefill,
  concernStatusTag,
  defaultReportTitle,
  deadlineHint,
  handlerText,
  levelTag,
  originText,
  overdueText,
  periodLabel,
  quarterOf,
  quarterSpan,
  quickPeriod,
  ratePercent,
  reportedText,
  summaryText,
  trendText,
  truncate,
} from '../lib/voice'

const ADMIN = { token: '', account: 'admin', role: '管理员' as const, idle_minutes: 15 }
beforeEach(() => {
  calls.length = 0
  session.value = ADMIN
})
afterEach(() => {
  document.body.innerHTML = ''
})

const q = (testid: string) => document.querySelector(`[data-testid=${testid}]`) as HTMLElement | null
const all = (testid: string) => Array.from(document.querySelectorAll(`[data-testid=${testid}]`)) as HTMLElement[]
function type(testid: string, value: string) {
  const el = q(testid)!
  const input = (el.matches('input, textarea') ? el : el.querySelector('input, textarea')) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
}
/** Clicks the option of a select (Element Plus renders them in a popper on the body). */
function pickOption(label: string) {
  const item = Array.from(document.querySelectorAll('.el-select-dropdown__item')).find((e) => e.textContent?.trim().startsWith(label))
  if (!item) throw new Error(`no option ${label}`)
  ;(item as HTMLElement).click()
}
function radio(testid: string, value: string) {
  ;(q(testid)!.querySelector(`input[value="${value}"]`) as HTMLInputElement).click()
}
/** The last of a list (es2021 has no Array.prototype.at). */
const last = <T>(a: T[]): T | undefined => a[a.length - 1]
async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
}

// ---------- fixtures ----------

type Concern = api.Concern
const concern = (status: Concern['status'], extra: Partial<Concern> = {}): Concern => ({
  id: 1, uid: 'c1', received_on: '2026-11-02', source: '座谈会', activity_id: 5, activity_title: '第四季度职工座谈会',
  talk_id: null, visit_id: null, opinion_id: null, raiser_kind: '个人', raiser_id: 7, raiser: '张三', unit_id: 2,
  unit_name: '城关供电所', category_id: 1, category: '薪酬待遇', content: '夜班补贴标准多年未调整，希望按新规定执行。',
  status, handler_unit_id: null, handler_unit_name: null, handler_person_id: null, handler_person_name: null,
  deadline: '2026-11-17', reply: null, replied_on: null, closed_on: null, satisfaction: null, escalated_on: null,
  escalated_to: null, escalation_note: null, overdue: false, overdue_days: 0, ...extra,
})
const detail = (c: Concern) => ({
  concern: c,
  steps: [
    { at: '2026-11-02T09:30:00', actor: 'admin', step: '受理', status: '已受理', note: null },
    ...(c.status !== '已受理' ? [{ at: '2026-11-03T10:00:00', actor: 'admin', step: '交办', status: '办理中', note: '请城关供电所核实' }] : []),
  ],
})
const categories = [
  { id: 1, name: '薪酬待遇', deadline_days: 15, retired: false },
  { id: 2, name: '后勤保障', deadline_days: 7, retired: false },
  { id: 3, name: '旧类别', deadline_days: 30, retired: true },
]
const forum = {
  id: 5, uid: 'a', series_uid: null, kind: '职工座谈会', mode: '线下', title: '第四季度职工座谈会',
  starts_at: '2026-11-02T09:00:00', ends_at: '2026-11-02T11:00:00', place: '三楼会议室',
  online_meeting: null, organizer_unit_id: 2, organizer_name: '城关供电所', host: null, description: null,
  late_grace_minutes: 10, status: '已开展', summary: null, invited: 2, attended: 2,
}
const person7 = {
  id: 7, uid: 'p7', employee_no: '10001', name: '张三', gender: '男', birth_date: '1985-03-12', id_number: null,
  ethnicity: null, political_status: null, education: null, professional_title: null, title_level: null, skill_level: null,
  position: null, unit_id: 2, unit_name: '城关供电所', work_start_date: null, hire_date: null, phone: null,
  political_cadre: false, reserve_talent: false, retirement_category: null, left_date: null, leave_reason: null,
}
const empty = { total: 0, offset: 0, items: [] }

function router(routes: { path: string; component: unknown }[]) {
  const stub = { template: '<div />' }
  const paths = new Set(routes.map((r) => r.path))
  const extra = ['/', '/voice/concerns', '/voice/opinions', '/voice/contacts', '/voice/talks', '/activities/:id', '/people/:id']
    .filter((p) => !paths.has(p))
    .map((path) => ({ path, component: stub }))
  return createRouter({ history: createMemoryHistory(), routes: [...routes, ...extra] as never })
}

// ---------- pure rules ----------

describe('lib/voice', () => {
  it('allows the actions of each status only', () => {
    expect(concernActions('已受理')).toEqual(['assign', 'escalate', 'edit'])
    expect(concernActions('办理中')).toEqual(['assign', 'reply', 'escalate', 'edit'])
    expect(concernActions('已答复')).toEqual(['close', 'escalate', 'edit'])
    expect(concernActions('已答复')).not.toContain('reply')
    expect(concernActions('已办结')).toEqual([])
  })

  it('colours statuses, levels and trends', () => {
    expect(concernStatusTag('已办结')).toBe('success')
    expect(concernStatusTag('已受理')).toBe('info')
    expect(levelTag('一般')).toBe('info')
    expect(levelTag('较大')).toBe('warning')
    expect(levelTag('重大')).toBe('danger')
    expect(trendText('升温')).toBe('升温↑')
    expect(trendText('降温')).toBe('降温↓')
    expect(trendText('平稳')).toBe('平稳')
  })

  it('says that 不满意 reopens the concern, and nothing for the others', () => {
    expect(closeHint('不满意')).toContain('重新办理')
    expect(closeHint('不满意')).toContain('办理中')
    expect(closeHint('满意')).toBe('')
    expect(closeHint(null)).toBe('')
  })

  it('writes overdue days, handlers, deadlines and long texts', () => {
    expect(overdueText({ overdue: true, overdue_days: 3 })).toBe('超期 3 天')
    expect(overdueText({ overdue: false, overdue_days: 0 })).toBe('')
    expect(handlerText({ handler_unit_name: '城关供电所', handler_person_name: '李四' })).toBe('城关供电所 / 李四')
    expect(handlerText({ handler_unit_name: null, handler_person_name: null })).toBe('未交办')
    expect(deadlineHint(15)).toContain('15 天')
    expect(truncate('一二三四五六', 4)).toBe('一二三四…')
    expect(truncate('一二三', 4)).toBe('一二三')
    expect(truncate(null)).toBe('')
  })

  it('reads the prefill of a new concern from the address', () => {
    expect(concernPrefill({})).toBeNull()
    expect(concernPrefill({ source: '座谈会' })).toBeNull()
    expect(concernPrefill({ new: '1', source: '座谈会', activity_id: '5' })).toEqual({
      source: '座谈会', activity_id: 5, visit_id: null, talk_id: null, opinion_id: null, unit_id: null, raiser_id: null,
    })
    expect(concernPrefill({ new: '1', source: '联系点走访', visit_id: '8', unit_id: '3' })).toMatchObject({ source: '联系点走访', visit_id: 8, unit_id: 3 })
    expect(concernPrefill({ new: '1', source: '谈心谈话', talk_id: '4', raiser_id: '7' })).toMatchObject({ talk_id: 4, raiser_id: 7 })
    // an unknown source or a malformed id is left out
    expect(concernPrefill({ new: '1', source: '随便', opinion_id: 'x' })).toMatchObject({ source: null, opinion_id: null })
    expect(concernLink({ source: '谈心谈话', talk_id: 4, raiser_id: 7, visit_id: null })).toEqual({
      path: '/voice/concerns', query: { new: '1', source: '谈心谈话', talk_id: '4', raiser_id: '7' },
    })
    expect(originText({ talk_id: 4 })).toBe('来自谈心谈话记录')
    expect(originText({})).toBe('')
  })

  it('computes quarters and the report periods', () => {
    expect(quarterOf(new Date(2026, 10, 24))).toEqual({ year: 2026, quarter: 4 })
    expect(quarterSpan(2026, 1)).toEqual({ from: '2026-01-01', to: '2026-03-31' })
    expect(quarterSpan(2024, 1)).toEqual({ from: '2024-01-01', to: '2024-03-31' })
    expect(quickPeriod('this_quarter', new Date(2026, 10, 24))).toEqual({ from: '2026-10-01', to: '2026-12-31' })
    expect(quickPeriod('last_quarter', new Date(2026, 10, 24))).toEqual({ from: '2026-07-01', to: '2026-09-30' })
    expect(quickPeriod('last_quarter', new Date(2026, 1, 3))).toEqual({ from: '2025-10-01', to: '2025-12-31' })
    expect(quickPeriod('this_year', new Date(2026, 1, 3))).toEqual({ from: '2026-01-01', to: '2026-12-31' })
    expect(periodLabel('2026-10-01', '2026-12-31')).toBe('2026年第4季度')
    expect(periodLabel('2026-01-01', '2026-12-31')).toBe('2026年')
    expect(periodLabel('2026-01-05', '2026-02-01')).toBe('2026-01-05 至 2026-02-01')
    expect(defaultReportTitle('2026-10-01', '2026-12-31', '城关供电所')).toBe('城关供电所2026年第4季度职工思想动态分析报告')
    expect(ratePercent(0.8567)).toBe(85.7)
    expect(ratePercent(null)).toBe(0)
  })

  it('words a talk summary and an opinion report state', () => {
    expect(summaryText({ summary: null, summary_hidden: true })).toBe(SUMMARY_HIDDEN)
    expect(SUMMARY_HIDDEN).toBe('（仅谈话人、记录人和管理员可见）')
    expect(summaryText({ summary: '家中老人住院', summary_hidden: false })).toBe('家中老人住院')
    expect(reportedText({ level: '重大', reported_at: null, reported_to: null })).toBe('未上报')
    expect(reportedText({ level: '一般', reported_at: null, reported_to: null })).toBe('—')
    expect(reportedText({ level: '较大', reported_at: '2026-11-24T10:30:00', reported_to: '市公司党建部' })).toBe('已上报 2026-11-24 10:30（市公司党建部）')
  })
})

// ---------- the api wrappers ----------

describe('api/voice', () => {
  it('sends the arguments by their Rust names', async () => {
    handler = () => null
    await api.concernAssign(3, 2, null, null, '请核实')
    expect(last(calls)).toEqual(['concern_assign', { id: 3, handler_unit_id: 2, handler_person_id: null, deadline: null, note: '请核实' }])
    await api.concernClose(3, '不满意', '2026-11-24', null)
    expect(last(calls)).toEqual(['concern_close', { id: 3, satisfaction: '不满意', on: '2026-11-24', note: null }])
    await api.concernEscalate(3, '2026-11-24', '市公司', '需协调')
    expect(last(calls)).toEqual(['concern_escalate', { id: 3, on: '2026-11-24', to: '市公司', note: '需协调' }])
    await api.opinionMarkReported(4, '2026-11-24T10:00:00', '市公司')
    expect(last(calls)).toEqual(['opinion_mark_reported', { id: 4, at: '2026-11-24T10:00:00', to: '市公司' }])
    await api.contactPlanSet(1, 2026, 2)
    expect(last(calls)).toEqual(['contact_plan_set', { point_id: 1, year: 2026, per_quarter: 2 }])
    await api.talkCoverage('2026-01-01', '2026-12-31', null)
    expect(last(calls)).toEqual(['talk_coverage', { from: '2026-01-01', to: '2026-12-31', unit_id: null }])
    await api.opinionReportFigures(null, '2026-10-01', '2026-12-31')
    expect(last(calls)).toEqual(['opinion_report_figures', { unit_id: null, from: '2026-10-01', to: '2026-12-31' }])
    await api.concernCategorySave(null, '后勤保障', 7, false)
    expect(last(calls)).toEqual(['concern_category_save', { id: null, name: '后勤保障', deadline_days: 7, retired: false }])
  })
})

// ---------- 群众诉求 ----------

async function mountDrawer(c: Concern) {
  let current = c
  handler = (cmd, args) => {
    if (cmd === 'concern_get') return detail(current)
    if (cmd === 'concern_close') {
      current = args.satisfaction === '不满意'
        ? { ...current, status: '办理中' }
        : { ...current, status: '已办结', closed_on: args.on as string, satisfaction: args.satisfaction as Concern['satisfaction'] }
      return detail(current)
    }
    if (cmd === 'concern_reply') {
      current = { ...current, status: '已答复', reply: args.reply as string, replied_on: args.on as string }
      return detail(current)
    }
    if (cmd === 'unit_tree') return []
    return null
  }
  const w = mount(ConcernDrawer, { props: { modelValue: true, concernId: c.id }, global: { plugins: [ElementPlus] }, attachTo: document.body })
  await settle()
  return w
}

describe('诉求详情', () => {
  it('a 已答复 concern offers 办结, not 答复 or 交办', async () => {
    const w = await mountDrawer(concern('已答复', { reply: '已按新标准发放', replied_on: '2026-11-10' }))
    expect(q('concern-status')?.textContent).toBe('已答复')
    expect(q('concern-close')).not.toBeNull()
    expect(q('concern-reply')).toBeNull()
    expect(q('concern-assign')).toBeNull()
    expect(q('concern-escalate')).not.toBeNull()
    expect(q('concern-edit')).not.toBeNull()
    expect(q('concern-print')).not.toBeNull()
    expect(all('concern-step').length).toBe(2)
    w.unmount()
  })

  it('a 已受理 concern offers 交办 but neither 答复 nor 办结', async () => {
    const w = await mountDrawer(concern('已受理'))
    expect(q('concern-assign')).not.toBeNull()
    expect(q('concern-reply')).toBeNull()
    expect(q('concern-close')).toBeNull()
    w.unmount()
  })

  it('a 办理中 concern offers 答复, not 办结; answering it moves it on', async () => {
    const w = await mountDrawer(concern('办理中'))
    expect(q('concern-assign')).not.toBeNull()
    expect(q('concern-reply')).not.toBeNull()
    expect(q('concern-close')).toBeNull()
    q('concern-reply')!.click()
    await settle()
    type('concern-reply-text', '已协调人资部按新标准执行')
    q('concern-reply-save')!.click()
    await settle()
    expect(calls.find(([c]) => c === 'concern_reply')?.[1]).toMatchObject({ id: 1, reply: '已协调人资部按新标准执行' })
    expect(q('concern-status')?.textContent).toBe('已答复')
    expect(q('concern-close')).not.toBeNull()
    expect(q('concern-reply')).toBeNull()
    w.unmount()
  })

  it('a 已办结 concern offers nothing but the print', async () => {
    const w = await mountDrawer(concern('已办结', { closed_on: '2026-11-12', satisfaction: '满意' }))
    for (const id of ['concern-assign', 'concern-reply', 'concern-close', 'concern-escalate', 'concern-edit']) expect(q(id)).toBeNull()
    expect(q('concern-print')).not.toBeNull()
    w.unmount()
  })

  it('查看 sees no action buttons', async () => {
    session.value = { ...ADMIN, account: 'lisi', role: '查看' }
    const w = await mountDrawer(concern('已受理'))
    for (const id of ['concern-assign', 'concern-reply', 'concern-close', 'concern-escalate', 'concern-edit']) expect(q(id)).toBeNull()
    w.unmount()
  })

  it('办结 with 不满意 says it will reopen, and does', async () => {
    const w = await mountDrawer(concern('已答复', { reply: '已按新标准发放', replied_on: '2026-11-10' }))
    q('concern-close')!.click()
    await settle()
    expect(q('concern-close-warning')).toBeNull()
    radio('concern-close-satisfaction', '不满意')
    await settle()
    expect(q('concern-close-warning')?.textContent).toContain('重新办理')
    radio('concern-close-satisfaction', '满意')
    await settle()
    expect(q('concern-close-warning')).toBeNull()
    radio('concern-close-satisfaction', '不满意')
    await settle()
    q('concern-close-save')!.click()
    await settle()
    expect(calls.find(([c]) => c === 'concern_close')?.[1]).toMatchObject({ id: 1, satisfaction: '不满意', note: null })
    expect(q('concern-status')?.textContent).toBe('办理中')
    expect(q('concern-reply')).not.toBeNull()
    w.unmount()
  })

  it('prints the 上报单', async () => {
    const w = await mountDrawer(concern('办理中', { escalated_on: '2026-11-05', escalated_to: '市公司党建部' }))
    q('concern-print')!.click()
    await settle()
    expect(calls.find(([c]) => c === 'print_document')?.[1]).toMatchObject({ job: { kind: 'concern_escalation', concern_id: 1 } })
    w.unmount()
  })
})

describe('群众诉求列表', () => {
  function concernHandler(extra: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined) {
    handler = (cmd, args) => {
      const own = extra(cmd, args)
      if (own !== undefined) return own
      if (cmd === 'concern_categories') return categories
      if (cmd === 'concern_list') return { total: 1, offset: 0, items: [concern('办理中', { overdue: true, overdue_days: 4 })] }
      if (cmd === 'concern_get') return detail(concern('办理中'))
      if (cmd === 'unit_tree') return []
      if (cmd === 'activity_list') return { total: 1, offset: 0, items: [forum] }
      if (cmd === 'activity_get') return forum
      if (cmd === 'person_get') return person7
      if (cmd === 'concern_add') return 11
      return null
    }
  }

  it('lists concerns with their status and overdue days; ?overdue=1 filters', async () => {
    concernHandler()
    const r = router([{ path: '/voice/concerns', component: Concerns }])
    r.push('/voice/concerns?overdue=1')
    await r.isReady()
    const w = mount(Concerns, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await settle()
    expect(last(calls.filter(([c]) => c === 'concern_list'))?.[1].filter).toMatchObject({ overdue: true })
    expect(q('concern-row-status')?.textContent).toBe('办理中')
    expect(q('concern-row-overdue')?.textContent).toBe('超期 4 天')
    expect(q('concern-add')).not.toBeNull()
    expect(q('concern-categories')).not.toBeNull()
    w.unmount()
  })

  it('?new=1&source=座谈会&activity_id=5 opens 登记诉求 prefilled, and saves it', async () => {
    concernHandler()
    const r = router([{ path: '/voice/concerns', component: Concerns }])
    r.push('/voice/concerns?new=1&source=座谈会&activity_id=5')
    await r.isReady()
    const w = mount(Concerns, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await settle()
    expect(q('concern-dialog')).not.toBeNull()
    expect(q('concern-source')?.textContent).toContain('座谈会')
    expect(q('concern-activity')?.textContent).toContain('第四季度职工座谈会')
    // taken from the address: going back there does not open it again
    expect(r.currentRoute.value.query.new).toBeUndefined()

    // retired categories are not offered; the default days are shown
    pickOption('薪酬待遇（默认 15 天）')
    const offered = Array.from(document.querySelectorAll('.el-select-dropdown__item')).map((e) => e.textContent ?? '')
    expect(offered.some((t) => t.includes('后勤保障（默认 7 天）'))).toBe(true)
    expect(offered.some((t) => t.includes('旧类别（默认'))).toBe(false)
    await settle()
    expect(q('concern-deadline-hint')?.textContent).toContain('15 天')
    radio('concern-raiser-kind', '匿名')
    await settle()
    expect(q('concern-raiser-anonymous')).not.toBeNull()
    type('concern-content', '食堂晚餐时间太早')
    await settle()
    q('concern-save')!.click()
    await settle()
    const sent = calls.find(([c]) => c === 'concern_add')?.[1].input
    expect(sent).toMatchObject({
      source: '座谈会', activity_id: 5, raiser_kind: '匿名', raiser_id: null, raiser_group: null,
      category_id: 1, content: '食堂晚餐时间太早', deadline: null, talk_id: null,
    })
    w.unmount()
  })

  it('?new=1&source=谈心谈话&talk_id=4&raiser_id=7 names the person and keeps the talk', async () => {
    concernHandler()
    const r = router([{ path: '/voice/concerns', component: Concerns }])
    r.push('/voice/concerns?new=1&source=谈心谈话&talk_id=4&raiser_id=7')
    await r.isReady()
    const w = mount(Concerns, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await settle()
    expect(q('concern-origin')?.textContent).toContain('来自谈心谈话记录')
    expect(q('concern-source')?.textContent).toContain('谈心谈话')
    expect(calls.some(([c, a]) => c === 'person_get' && a.id === 7)).toBe(true)
    expect(q('concern-raiser-person')?.textContent).toContain('张三')
    pickOption('后勤保障（默认 7 天）')
    type('concern-content', '希望调整倒班安排')
    await settle()
    q('concern-save')!.click()
    await settle()
    expect(calls.find(([c]) => c === 'concern_add')?.[1].input).toMatchObject({
      source: '谈心谈话', talk_id: 4, raiser_kind: '个人', raiser_id: 7, category_id: 2, activity_id: null,
    })
    w.unmount()
  })

  it('says what is missing before sending', async () => {
    concernHandler()
    const r = router([{ path: '/voice/concerns', component: Concerns }])
    r.push('/voice/concerns')
    await r.isReady()
    const w = mount(Concerns, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await settle()
    q('concern-add')!.click()
    await settle()
    q('concern-save')!.click()
    await settle()
    expect(q('form-error')?.textContent).toContain('请选择诉求来源')
    expect(calls.some(([c]) => c === 'concern_add')).toBe(false)
    w.unmount()
  })

  it('查看 cannot add or manage categories, and the address does not open the dialog', async () => {
    session.value = { ...ADMIN, account: 'lisi', role: '查看' }
    concernHandler()
    const r = router([{ path: '/voice/concerns', component: Concerns }])
    r.push('/voice/concerns?new=1&source=座谈会&activity_id=5')
    await r.isReady()
    const w = mount(Concerns, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await settle()
    expect(q('concern-add')).toBeNull()
    expect(q('concern-categories')).toBeNull()
    expect(q('concern-dialog')).toBeNull()
    w.unmount()
  })

  it('edits the categories', async () => {
    concernHandler((cmd) => (cmd === 'concern_category_save' ? 4 : undefined))
    const r = router([{ path: '/voice/concerns', component: Concerns }])
    r.push('/voice/concerns')
    await r.isReady()
    const w = mount(Concerns, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await settle()
    q('concern-categories')!.click()
    await settle()
    expect(q('category-table')?.textContent).toContain('停用')
    type('category-name', '安全生产')
    await settle()
    q('category-save')!.click()
    await settle()
    expect(calls.find(([c]) => c === 'concern_category_save')?.[1]).toEqual({ id: null, name: '安全生产', deadline_days: 15, retired: false })
    all('category-edit')[1]!.click()
    await settle()
    expect((q('category-name')!.querySelector('input') as HTMLInputElement).value).toBe('后勤保障')
    expect(q('category-retired')).not.toBeNull()
    w.unmount()
  })
})

// ---------- 思想动态 ----------

describe('思想动态', () => {
  const opinion = (id: number, level: api.Opinion['level'], extra: Partial<api.Opinion> = {}): api.Opinion => ({
    id, uid: `o${id}`, observed_at: '2026-11-24T08:00:00', kind: '网络舆情', channel: '某论坛', title: `动态${id}`, detail: null,
    unit_ids: [2], units: '城关供电所', level, trend: '升温', assessment: null, measures: null, reported_at: null, reported_to: null,
    report_due: level === '重大' ? '2026-11-24T10:00:00' : null, unreported_flag: false, reported_late: false, concern_ids: [], ...extra,
  })

  it('colours the levels, flags a 重大 entry not reported in time and leads to a concern', async () => {
    handler = (cmd) => {
      if (cmd === 'opinion_list') {
        return { total: 3, offset: 0, items: [opinion(1, '重大', { unreported_flag: true }), opinion(2, '较大', { reported_at: '2026-11-24T09:00:00', reported_to: '市公司' }), opinion(3, '一般', { trend: '平稳' })] }
      }
      if (cmd === 'unit_tree') return []
      return null
    }
    const r = router([{ path: '/voice/opinions', component: Opinions }])
    r.push('/voice/opinions')
    await r.isReady()
    const w = mount(Opinions, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await settle()
    const levels = all('opinion-level')
    expect(levels.map((e) => e.textContent?.trim())).toEqual(['重大', '较大', '一般'])
    // (the tests stub the tag's transition, which then carries the testid)
    const tagClass = (e: HTMLElement) => (e.classList.contains('el-tag') ? e : e.querySelector('.el-tag'))!.className
    expect(tagClass(levels[0]!)).toContain('el-tag--danger')
    expect(tagClass(levels[1]!)).toContain('el-tag--warning')
    expect(tagClass(levels[2]!)).toContain('el-tag--info')
    expect(all('opinion-trend').map((e) => e.textContent?.trim())).toEqual(['升温↑', '升温↑', '平稳'])
    expect(all('opinion-unreported-flag').length).toBe(1)
    expect(all('opinion-reported')[1]!.textContent).toContain('已上报 2026-11-24 09:00')
    // 标记已上报 only where it is due and not yet done
    expect(all('opinion-report').length).toBe(1)
    all('opinion-concern')[0]!.click()
    await settle()
    expect(r.currentRoute.value.path).toBe('/voice/concerns')
    expect(r.currentRoute.value.query).toEqual({ new: '1', opinion_id: '1', source: '线上（微信群/公众号）' })
    w.unmount()
  })
})

// ---------- 谈心谈话 ----------

describe('谈心谈话', () => {
  const talk = (id: number, extra: Partial<api.Talk> = {}): api.Talk => ({
    id, uid: `t${id}`, talked_on: '2026-11-20', talker_id: 9, talker_name: '王书记', person_id: 7, person_name: '张三',
    unit_name: '城关供电所', kind: '日常谈心', topic: '岗位调整后的想法', summary: null, summary_hidden: false, follow_up: false,
    concern_ids: [], ...extra,
  })

  it('shows a hidden summary as such, and offers a concern after a talk that needs follow-up', async () => {
    handler = (cmd, args) => {
      if (cmd === 'talk_list') return { total: 2, offset: 0, items: [talk(1, { summary_hidden: true }), talk(2, { summary: '家中老人住院，希望调休' })] }
      if (cmd === 'talk_update') return talk(args.id as number, { ...(args.input as object), summary_hidden: true, follow_up: true })
      if (cmd === 'unit_tree') return []
      return null
    }
    const r = router([{ path: '/voice/talks', component: Talks }])
    r.push('/voice/talks')
    await r.isReady()
    const w = mount(Talks, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await settle()
    expect(q('talk-summary-hidden')?.textContent).toBe('（仅谈话人、记录人和管理员可见）')
    expect(q('talk-summary')?.textContent).toBe('家中老人住院，希望调休')
    // the export leaves the summaries out unless asked
    expect((q('talk-export-summaries')!.querySelector('input') as HTMLInputElement).checked).toBe(false)

    all('talk-edit')[0]!.click()
    await settle()
    expect(q('talk-summary-hidden-edit')?.textContent).toContain('仅谈话人、记录人和管理员可见')
    ;(q('talk-follow-up')!.querySelector('input') as HTMLInputElement).click()
    await settle()
    q('talk-save')!.click()
    await settle()
    expect(calls.find(([c]) => c === 'talk_update')?.[1]).toMatchObject({ id: 1, input: { summary: null, follow_up: true, talker_id: 9, person_id: 7 } })
    expect(q('talk-followup-dialog')).not.toBeNull()
    q('talk-followup-concern')!.click()
    await settle()
    expect(r.currentRoute.value.query).toEqual({ new: '1', source: '谈心谈话', talk_id: '1', raiser_id: '7' })
    w.unmount()
  })

  it('exports the summaries only when 包含谈话内容 is ticked', async () => {
    handler = (cmd) => {
      if (cmd === 'talk_list') return empty
      if (cmd === 'unit_tree') return []
      return null
    }
    const r = router([{ path: '/voice/talks', component: Talks }])
    r.push('/voice/talks')
    await r.isReady()
    const w = mount(Talks, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await settle()
    const exportButton = () => document.querySelector('[data-testid=talk-tabs] .el-tab-pane [data-testid=export-xlsx]') as HTMLElement
    exportButton().click()
    await settle()
    expect(last(calls.filter(([c]) => c === 'export_xlsx'))?.[1].job).toMatchObject({ kind: 'talks', summaries: false })
    ;(q('talk-export-summaries')!.querySelector('input') as HTMLInputElement).click()
    await settle()
    exportButton().click()
    await settle()
    expect(last(calls.filter(([c]) => c === 'export_xlsx'))?.[1].job).toMatchObject({ kind: 'talks', summaries: true })
    w.unmount()
  })
})

// ---------- 联系点 ----------

describe('联系点', () => {
  it('shows the coverage with the points not visited in red', async () => {
    const point = (id: number, unit: string) => ({ id, leader_id: 9, leader_name: '王书记', unit_id: id + 10, unit_name: unit, since: '2026-01-01', note: null })
    handler = (cmd) => {
      if (cmd === 'contact_coverage') {
        return {
          year: 2026, quarter: 4, covered: 1, total: 2,
          points: [
            { point: point(1, '城关供电所'), planned: 1, visits: 0, last_visit: null, short: true },
            { point: point(2, '营业班'), planned: 1, visits: 2, last_visit: '2026-11-03', short: false },
          ],
        }
      }
      if (cmd === 'unit_tree') return []
      return null
    }
    const r = router([{ path: '/voice/contacts', component: Contacts }])
    r.push('/voice/contacts?tab=coverage')
    await r.isReady()
    const w = mount(Contacts, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await settle()
    expect(q('coverage-summary')?.textContent?.replace(/\s+/g, '')).toContain('1/2')
    expect(all('coverage-short').map((e) => e.textContent?.trim())).toEqual(['未走访'])
    expect(q('coverage-table')?.textContent).toContain('2026年11月3日')
    w.unmount()
  })
})

// ---------- 分析报告 ----------

describe('分析报告', () => {
  const figures = {
    period: { from: '2026-10-01', to: '2026-12-31' }, unit_id: null, unit_name: '示范县供电公司', concerns: 12,
    by_category: [{ name: '薪酬待遇', count: 7 }, { name: '后勤保障', count: 5 }], by_unit: [], by_status: [], by_source: [],
    answered: 10, answered_on_time: 9, on_time_rate: 0.9, overdue: 1, rated: 8, satisfied: 6, basically_satisfied: 1,
    unsatisfied: 1, satisfaction_rate: 0.875, escalated: 1, opinions: 4, by_level: [], by_trend: [], grave_unreported: 0,
    top_topics: [], forums: 2, talks: 30, talk_staff: 120, talk_talked: 96, talk_coverage: 0.8, visits: 6, points: 4,
    points_visited: 3, visit_coverage: 0.75,
  }

  it('shows the figures, saves the four sections and prints the saved report', async () => {
    handler = (cmd) => {
      if (cmd === 'opinion_report_list') return []
      if (cmd === 'opinion_report_figures') return figures
      if (cmd === 'opinion_report_save') return 21
      if (cmd === 'unit_tree') return []
      return null
    }
    const w = mount(Reports, { global: { plugins: [ElementPlus], stubs: { Chart: true } }, attachTo: document.body })
    await settle()
    q('report-new')!.click()
    await settle()
    const asked = last(calls.filter(([c]) => c === 'opinion_report_figures'))?.[1]
    const quarter = quickPeriod('this_quarter', new Date())
    expect(asked).toEqual({ unit_id: null, from: quarter.from, to: quarter.to })
    expect(q('report-figures')?.textContent).toContain('90.0%')
    expect(q('report-figures')?.textContent).toContain('在岗 120 人中谈过 96 人（80.0%）')
    q('report-period-this_year')!.click()
    await settle()
    const year = new Date().getFullYear()
    expect(last(calls.filter(([c]) => c === 'opinion_report_figures'))?.[1]).toMatchObject({ from: `${year}-01-01`, to: `${year}-12-31` })
    type('report-overall', '职工队伍总体稳定')
    type('report-next-steps', '落实夜班补贴')
    await settle()
    q('report-print')!.click()
    await settle()
    // printing an unsaved report saves it first
    expect(calls.find(([c]) => c === 'opinion_report_save')?.[1]).toMatchObject({
      id: null,
      input: { title: `${year}年职工思想动态分析报告`, unit_id: null, period_from: `${year}-01-01`, overall: '职工队伍总体稳定', main_trends: null, next_steps: '落实夜班补贴' },
    })
    expect(calls.find(([c]) => c === 'print_document')?.[1]).toMatchObject({ job: { kind: 'opinion_report', report_id: 21 } })
    w.unmount()
  })
})

// ---------- 工作台, 活动详情, the menu ----------

describe('工作台：党群沟通', () => {
  it('shows the open and overdue concerns, the unreported 重大 entries and the points not visited', async () => {
    const dashboard = {
      today: '2026-11-30', upcoming: [], latest: [], month_activities: 0,
      month: { invited: 0, attended: 0, present: 0, late: 0, leave: 0, absent: 0, not_checked_in: 0, walk_ins: 0, rate: null },
      structure: {
        as_of: '2026-11-30', population: 'all', headcount: 12, average_age: 45, median_age: null, share_35_and_under: null,
        share_50_and_over: null, cadres: 2, reserves: 0, reserve_per_cadre: null, pyramid: [], education: [],
        professional_title: [], skill_level: [], political_status: [],
      },
      warnings: [], overdue: [], retirement_category_missing: 0, unit_count: 3, staff_count: 12,
      concerns_open: 9, concerns_overdue: 2,
      overdue_concerns: [concern('办理中', { id: 3, overdue: true, overdue_days: 6 }), concern('已受理', { id: 4, overdue: true, overdue_days: 2 })],
      unreported_opinions: [{ id: 8, title: '网传停电补偿不公', observed_at: '2026-11-30T08:00:00', level: '重大' }],
      unvisited_points: [{ point: { id: 1, leader_id: 9, leader_name: '王书记', unit_id: 2, unit_name: '城关供电所', since: '2026-01-01', note: null }, planned: 1, visits: 0, last_visit: null, short: true }],
    }
    handler = (cmd) => {
      if (cmd === 'dashboard') return dashboard
      if (cmd === 'attendance_current_runs') return []
      return null
    }
    const r = router([{ path: '/', component: Dashboard }])
    r.push('/')
    await r.isReady()
    const w = mount(Dashboard, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await settle()
    expect(q('dash-concerns-open')?.textContent).toBe('9')
    expect(q('dash-concerns-overdue')?.textContent).toBe('2')
    expect(all('dash-overdue-concern').map((e) => e.textContent)).toEqual([expect.stringContaining('超期 6 天'), expect.stringContaining('超期 2 天')])
    expect(q('dash-unreported')?.textContent).toContain('网传停电补偿不公')
    expect(q('dash-unvisited')?.textContent).toContain('王书记 · 城关供电所')
    q('dash-concerns')!.click()
    await settle()
    expect(r.currentRoute.value.fullPath).toBe('/voice/concerns?overdue=1')
    await r.push('/')
    q('dash-unreported-item')!.click()
    await settle()
    expect(r.currentRoute.value.path).toBe('/voice/opinions')
    w.unmount()
  })

  it('says so when there is nothing to remind of', async () => {
    handler = (cmd) => {
      if (cmd === 'dashboard') {
        return {
          today: '2026-11-30', upcoming: [], latest: [], month_activities: 0,
          month: { invited: 0, attended: 0, present: 0, late: 0, leave: 0, absent: 0, not_checked_in: 0, walk_ins: 0, rate: null },
          structure: { as_of: '2026-11-30', population: 'all', headcount: 12, average_age: 45, median_age: null, share_35_and_under: null, share_50_and_over: null, cadres: 2, reserves: 0, reserve_per_cadre: null, pyramid: [], education: [], professional_title: [], skill_level: [], political_status: [] },
          warnings: [], overdue: [], retirement_category_missing: 0, unit_count: 3, staff_count: 12,
          concerns_open: 0, concerns_overdue: 0, overdue_concerns: [], unreported_opinions: [], unvisited_points: [],
        }
      }
      if (cmd === 'attendance_current_runs') return []
      return null
    }
    const r = router([{ path: '/', component: Dashboard }])
    r.push('/')
    await r.isReady()
    const w = mount(Dashboard, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await settle()
    expect(q('dash-concerns-open')?.textContent).toBe('0')
    expect(q('dash-unreported')?.textContent).toContain('没有超时未上报的重大舆情')
    expect(q('dash-unvisited')?.textContent).toContain('都已按计划走访')
    w.unmount()
  })
})

describe('活动详情：职工座谈会', () => {
  async function mountActivity(activity: typeof forum) {
    handler = (cmd) => {
      if (cmd === 'attendance_sheet') {
        return { activity, counts: { invited: 2, attended: 2, present: 2, late: 0, leave: 0, absent: 0, not_checked_in: 0, walk_ins: 0, rate: 1 }, rows: [] }
      }
      if (cmd === 'concern_list') return { total: 1, offset: 0, items: [concern('办理中')] }
      return null
    }
    const r = router([{ path: '/activities/:id', component: ActivityDetail }])
    r.push(`/activities/${activity.id}`)
    await r.isReady()
    const w = mount(ActivityDetail, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await settle()
    return { w, r }
  }

  it('records a concern at a 座谈会 and lists those recorded', async () => {
    const { w, r } = await mountActivity(forum)
    expect(calls.find(([c]) => c === 'concern_list')?.[1]).toMatchObject({ filter: { activity_id: 5 } })
    expect(q('activity-concerns')?.textContent).toContain('夜班补贴标准')
    q('record-concern')!.click()
    await settle()
    expect(r.currentRoute.value.path).toBe('/voice/concerns')
    expect(r.currentRoute.value.query).toEqual({ new: '1', source: '座谈会', activity_id: '5' })
    w.unmount()
  })

  it('has no 记录诉求 for a cancelled 座谈会 or another kind of activity', async () => {
    let m = await mountActivity({ ...forum, status: '已取消' })
    expect(q('record-concern')).toBeNull()
    expect(q('activity-concerns')).not.toBeNull()
    m.w.unmount()
    calls.length = 0
    m = await mountActivity({ ...forum, kind: '专题讲座' })
    expect(q('record-concern')).toBeNull()
    expect(q('activity-concerns')).toBeNull()
    expect(calls.some(([c]) => c === 'concern_list')).toBe(false)
    m.w.unmount()
  })
})

describe('菜单', () => {
  it('has the 党群沟通 group', async () => {
    handler = () => null
    // jsdom has no scrolling; the shell scrolls its main area to the top on a new page
    if (!HTMLElement.prototype.scrollTo) HTMLElement.prototype.scrollTo = () => undefined
    const r = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div />' } }, { path: '/voice/talks', component: { template: '<div />' } }] })
    r.push('/')
    await r.isReady()
    const w = mount(App, { global: { plugins: [ElementPlus, r] }, attachTo: document.body })
    await settle()
    expect(q('nav-voice')?.textContent).toContain('党群沟通')
    for (const id of ['nav-concerns', 'nav-opinions', 'nav-contacts', 'nav-talks', 'nav-reports']) expect(q(id)).not.toBeNull()
    q('nav-talks')!.click()
    await settle()
    expect(r.currentRoute.value.path).toBe('/voice/talks')
    w.unmount()
  })
})
