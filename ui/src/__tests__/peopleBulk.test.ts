// 人员档案: the unit tree (counts with sub-units, a selection that stays, 新增单位 / 移动 under a
// chosen unit) and the bulk bar of the staff list, with the IPC stubbed.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'

let handler: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined
const calls: [string, Record<string, unknown>][] = []
vi.mock('@tauri-apps/api/core', () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push([cmd, args])
    return handler(cmd, args)
  },
}))

import People from '../views/People.vue'
import { bulkResultMessage, namesPreview } from '../lib/bulk'
import { staffHint, withoutSubtree } from '../lib/units'
import { toDateStr } from '../lib/format'

// Mounting the whole screen with Element Plus in jsdom is slow on a busy 2-core machine.
vi.setConfig({ testTimeout: 30000 })

beforeEach(() => {
  calls.length = 0
  document.body.innerHTML = ''
})

type Node = { id: number; name: string; parent_id: number | null; staff: number; staff_total: number; children: Node[] }
const unit = (id: number, name: string, parent_id: number | null, staff: number, children: Node[] = []): Node => ({
  id, name, parent_id, staff, children,
  staff_total: staff + children.reduce((s, c) => s + c.staff_total, 0),
})
// 示范县供电公司 ─ 城关供电所 (nobody itself) ─ 营业班 (20), 配电班 (16); 营销部 (3)
const tree = () => [
  unit(1, '示范县供电公司', null, 2, [
    unit(2, '城关供电所', 1, 0, [unit(4, '营业班', 2, 20), unit(5, '配电班', 2, 16)]),
    unit(3, '营销部', 1, 3),
  ]),
].map((u) => ({ ...u, uid: String(u.id), kind: '公司', path: u.name, depth: 0 }))

const person = (id: number, name: string, extra: Record<string, unknown> = {}) => ({
  id, uid: `p${id}`, employee_no: String(10000 + id), name, gender: '男', birth_date: '1985-03-12', id_number: null,
  ethnicity: null, political_status: null, education: null, professional_title: null, skill_level: null,
  position: null, unit_id: 4, unit_name: '营业班', work_start_date: null, hire_date: null, phone: null,
  political_cadre: false, reserve_talent: false, retirement_category: null, left_date: null, leave_reason: null,
  ...extra,
})
const staff = [person(1, '张三'), person(2, '李四'), person(3, '王五', { left_date: '2025-01-01' })]

function stub(extra: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined) {
  handler = (cmd, args) => {
    const r = extra(cmd, args)
    if (r !== undefined) return r
    if (cmd === 'unit_tree') return tree()
    if (cmd === 'person_list') return { total: staff.length, offset: 0, items: staff }
    return null
  }
}

const $ = (sel: string) => document.querySelector(sel) as HTMLElement
const nodeOf = (name: string) =>
  Array.from(document.querySelectorAll('[data-testid=unit-node]')).find((n) => n.firstElementChild?.textContent === name) as HTMLElement
const sent = (cmd: string) => calls.filter(([c]) => c === cmd).map(([, a]) => a)
const lastFilter = () => sent('person_list').slice(-1)[0]?.filter

async function mountPeople(): Promise<VueWrapper> {
  const w = mount(People, { global: { plugins: [ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return w
}

describe('单位树', () => {
  it('counts people with the sub-units and says what the number means', async () => {
    stub()
    const w = await mountPeople()
    const station = nodeOf('城关供电所')
    expect(station.textContent).toBe('城关供电所（36）')
    expect(station.title).toBe('在职 36 人（含下级单位），本级 0 人')
    expect(nodeOf('营业班').title).toBe('在职 20 人')
    expect(nodeOf('示范县供电公司').textContent).toBe('示范县供电公司（41）')
    w.unmount()
  })

  it('keeps the selection on a second click and adds a unit under the selected one', async () => {
    stub((cmd, args) => {
      if (cmd === 'unit_add') return { ...tree()[0], id: 9, name: args.name, parent_id: args.parent_id, children: undefined }
    })
    const w = await mountPeople()
    nodeOf('城关供电所').click()
    await flushPromises()
    expect(lastFilter()).toMatchObject({ unit_id: 2 })
    nodeOf('城关供电所').click()
    await flushPromises()
    expect(lastFilter()).toMatchObject({ unit_id: 2 })
    expect($('[data-testid=unit-selection]').textContent).toContain('已选：城关供电所，在职 36 人（含下级单位），本级 0 人')

    await w.get('[data-testid=unit-add]').trigger('click')
    await flushPromises()
    expect($('[data-testid=unit-parent-hint]').textContent?.trim()).toBe('将新增在“城关供电所”之下')
    const input = $('[data-testid=unit-name] input') as HTMLInputElement
    input.value = '抢修班'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    $('[data-testid=unit-save]').click()
    await flushPromises()
    expect(sent('unit_add')).toEqual([{ name: '抢修班', kind: null, parent_id: 2 }])
    expect(document.body.textContent).toContain('已在“城关供电所”下新增单位 抢修班')

    // 取消选择 is explicit; then 新增单位 says it makes a top-level unit.
    $('[data-testid=unit-clear]').click()
    await flushPromises()
    expect(lastFilter()).toMatchObject({ unit_id: null })
    await w.get('[data-testid=unit-add]').trigger('click')
    await flushPromises()
    expect($('[data-testid=unit-parent-hint]').textContent?.trim()).toBe('将新增为顶级单位（与公司并列）')
    w.unmount()
  })

  it('moves the selected unit under another one, never under itself', async () => {
    stub((cmd) => {
      if (cmd === 'unit_move') return { id: 2, name: '城关供电所' }
    })
    const w = await mountPeople()
    nodeOf('城关供电所').click()
    await flushPromises()
    await w.get('[data-testid=unit-move]').trigger('click')
    await flushPromises()
    expect($('[data-testid=unit-move-hint]').textContent).toContain('连同下级单位 2 个、在职职工 36 人一起移动')
    // Nothing chosen yet: said in the form, nothing sent.
    $('[data-testid=unit-move-save]').click()
    await flushPromises()
    expect($('[data-testid=form-error]').textContent).toContain('请选择新的上级单位')
    expect(sent('unit_move')).toEqual([])

    const picker = w.findAllComponents({ name: 'ElTreeSelect' }).find((c) => c.attributes('data-testid') === 'unit-move-parent')!
    const offered = JSON.stringify(picker.props('data'))
    expect(offered).toContain('营销部')
    expect(offered).not.toContain('城关供电所')
    expect(offered).not.toContain('营业班')
    picker.vm.$emit('update:modelValue', 3)
    await flushPromises()
    const lists = sent('person_list').length
    $('[data-testid=unit-move-save]').click()
    await flushPromises()
    expect(sent('unit_move')).toEqual([{ id: 2, parent_id: 3 }])
    expect(document.body.textContent).toContain('已将 城关供电所 移到“营销部”之下')
    expect(sent('unit_tree').length).toBeGreaterThan(1)
    expect(sent('person_list').length).toBe(lists + 1)
    w.unmount()
  })
})

describe('批量修改', () => {
  async function checkRows(names: string[]) {
    for (const name of names) {
      const row = Array.from(document.querySelectorAll('[data-testid=people-table] .el-table__body tr')).find((r) =>
        r.textContent?.includes(name),
      )!
      ;(row.querySelector('.el-checkbox input') as HTMLInputElement).click()
      await flushPromises()
    }
  }

  it('sets 政工干部 for the checked people after a confirmation naming how many', async () => {
    stub((cmd) => {
      if (cmd === 'person_bulk_flag') return { changed: 1, unchanged: 1 }
    })
    const w = await mountPeople()
    expect($('[data-testid=bulk-bar]').textContent).toContain('勾选在职职工后')
    // Someone who has left cannot be checked.
    const left = Array.from(document.querySelectorAll('[data-testid=people-table] .el-table__body tr')).find((r) =>
      r.textContent?.includes('王五'),
    )!
    expect((left.querySelector('.el-checkbox input') as HTMLInputElement).disabled).toBe(true)

    await checkRows(['张三', '李四'])
    expect($('[data-testid=bulk-count]').textContent).toBe('已选 2 人')
    $('[data-testid=bulk-cadre-on]').click()
    await flushPromises()
    expect($('.el-message-box').textContent).toContain('确定将选中的 2 人（张三、李四）设为政工干部吗？')
    const lists = sent('person_list').length
    const trees = sent('unit_tree').length
    ;($('.el-message-box__btns .el-button--primary') as HTMLButtonElement).click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
    await flushPromises()
    expect(sent('person_bulk_flag')).toEqual([{ person_ids: [1, 2], flag: 'political_cadre', on: true }])
    expect(document.body.textContent).toContain('已将 1 人设为政工干部；另有 1 人原已是政工干部，未改动')
    expect(sent('person_list').length).toBe(lists + 1)
    expect(sent('unit_tree').length).toBe(trees + 1)
    expect($('[data-testid=bulk-bar]').textContent).toContain('勾选在职职工后')
    w.unmount()
  })

  it('moves and records the leave of the checked people; a refusal is shown in the form', async () => {
    stub((cmd) => {
      if (cmd === 'person_bulk_move') return { changed: 2, unchanged: 0 }
      if (cmd === 'person_bulk_leave') throw { code: 'person.left', message: '李四（工号 10002）已于 2025-03-01 离职' }
    })
    const w = await mountPeople()
    await checkRows(['张三', '李四'])
    $('[data-testid=bulk-move]').click()
    await flushPromises()
    expect($('[data-testid=bulk-move-names]').textContent).toBe('张三、李四')
    expect($('[data-testid=bulk-move-save]').textContent).toContain('调动（2 人）')
    const picker = w.findAllComponents({ name: 'ElTreeSelect' }).find((c) => c.attributes('data-testid') === 'bulk-move-unit')!
    picker.vm.$emit('update:modelValue', 3)
    await flushPromises()
    $('[data-testid=bulk-move-save]').click()
    await flushPromises()
    expect(sent('person_bulk_move')).toEqual([{ person_ids: [1, 2], unit_id: 3 }])
    expect(document.body.textContent).toContain('已将 2 人调到“营销部”')

    await checkRows(['张三', '李四'])
    $('[data-testid=bulk-leave]').click()
    await flushPromises()
    $('[data-testid=bulk-leave-save]').click()
    await flushPromises()
    expect(sent('person_bulk_leave')).toEqual([{ person_ids: [1, 2], date: toDateStr(new Date()), reason: null }])
    expect($('[data-testid=form-error]').textContent).toContain('李四（工号 10002）已于 2025-03-01 离职')
    w.unmount()
  })
})

describe('批量修改的文字', () => {
  it('names a few people and says what a batch did', () => {
    expect(namesPreview(['张三', '李四'])).toBe('张三、李四')
    expect(namesPreview(['甲', '乙', '丙', '丁', '戊', '己'])).toBe('甲、乙、丙、丁、戊……等 6 人')
    const flag = { kind: 'flag', flag: 'reserve_talent', on: false } as const
    expect(bulkResultMessage(flag, { changed: 3, unchanged: 0 })).toBe('已取消 3 人的后备人才标记')
    expect(bulkResultMessage(flag, { changed: 0, unchanged: 2 })).toBe('选中的 2 人原本不是后备人才，未作改动')
    expect(bulkResultMessage({ kind: 'leave' }, { changed: 4, unchanged: 0 })).toBe('已为 4 人办理离职')
  })

  it('leaves a unit and its sub-units out of a picker, and explains a count', () => {
    const t = tree() as never
    expect(JSON.stringify(withoutSubtree(t, 2))).not.toContain('营业班')
    expect(staffHint(tree()[0] as never)).toBe('在职 41 人（含下级单位），本级 2 人')
  })
})
