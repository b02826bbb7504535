// 导入花名册: the wizard's logic, and the dialog driven through its steps with the IPC stubbed.
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'

let handler: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined
const calls: [string, Record<string, unknown>][] = []
vi.mock('@tauri-apps/api/core', () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push([cmd, args])
    return handler(cmd, args)
  },
}))
let progressListener: ((e: { payload: { done: number; total: number } }) => void) | null = null
vi.mock('@tauri-apps/api/event', () => ({
  listen: async (_name: string, f: (e: { payload: { done: number; total: number } }) => void) => {
    progressListener = f
    return () => {
      progressListener = null
    }
  },
}))

import type { ImportMapping, ImportPreview, ImportRow, ImportSheet, UnitNode } from '../api'
import {
  commitLabel,
  counts,
  filterRows,
  filterTabs,
  firstFilter,
  hasWork,
  headTable,
  importOptions,
  mappingProblem,
  percent,
  rowDetail,
  summary,
} from '../lib/peopleImport'
import ImportPeopleDialog from '../components/people/ImportPeopleDialog.vue'
import { units } from '../store'

const mapping = (): ImportMapping => ({
  header_row: 3,
  columns: [
    { index: 0, letter: 'A', title: '序号', field: null },
    { index: 1, letter: 'B', title: '工号', field: 'employee_no' },
    { index: 2, letter: 'C', title: '姓名', field: 'name' },
    { index: 3, letter: 'D', title: '部门', field: 'unit' },
    { index: 4, letter: 'E', title: '班组', field: 'unit' },
  ],
})

// The field names as the core sends them with the sheet (`people_import_open`).
const fields: ImportSheet['fields'] = [
  { key: 'employee_no', label: '工号' },
  { key: 'name', label: '姓名' },
  { key: 'id_number', label: '身份证号' },
  { key: 'unit', label: '所在单位' },
]

const row = (row_no: number, action: ImportRow['action'], extra: Partial<ImportRow> = {}): ImportRow => ({
  row_no,
  action,
  employee_no: String(10000 + row_no),
  name: '张三',
  unit: '营销部',
  changes: [],
  errors: [],
  notes: [],
  ...extra,
})

const preview = (committed = false): ImportPreview => ({
  sheet_name: '花名册',
  mapping: mapping(),
  rows: [
    row(4, '新增'),
    row(5, '更新', { changes: ['岗位：班员 → 班长'] }),
    row(7, '不变'),
    row(9, '错误', { errors: ['行 9：身份证号校验位错误（按 GB 11643 应为 8）'] }),
  ],
  totals: { rows: 4, new: 1, updated: 1, unchanged: 1, errors: 1, skipped: 0, blank: 1 },
  new_units: [],
  target: null,
  problems: [],
  notes: [],
  committed,
})

const node = (id: number, name: string, path: string, children: UnitNode[] = []): UnitNode => ({
  id,
  uid: `u${id}`,
  name,
  kind: '站所',
  parent_id: null,
  path,
  depth: path.split('/').length - 1,
  staff: 0,
  staff_total: 0,
  children,
})

/** A branch roster without 工号 imported into 城关供电所: footer rows skipped, the missing
 *  班组 named once for the sheet (not creating them). */
const branchPreview = (committed = false): ImportPreview => ({
  ...preview(committed),
  rows: [
    row(4, '新增', { employee_no: '', unit: '示范公司/城关供电所' }),
    row(5, '错误', {
      employee_no: '',
      errors: ['行 5：所在单位：单位“示范公司/城关供电所/综合班”不存在（可选择“自动创建缺少的单位”，或先在单位管理中添加）'],
    }),
    row(18, '跳过', { employee_no: '', name: '', unit: '', notes: ['表尾：制表人：王芳 审核：李军'] }),
  ],
  totals: { rows: 2, new: 1, updated: 0, unchanged: 0, errors: 1, skipped: 1, blank: 1 },
  target: '示范公司/城关供电所',
  problems: ['表中有 1 个单位在单位树中不存在（涉及 1 行）：示范公司/城关供电所/综合班。可选择“自动创建缺少的单位”，或先在单位管理中添加'],
  notes: ['表中没有工号列：人员按身份证号识别（签到台可输入身份证号或其后 6 位，命令行中用身份证号代替工号）'],
})

describe('导入花名册 logic', () => {
  it('checks a corrected mapping as the core does, naming fields as the core does', () => {
    expect(mappingProblem(mapping(), fields)).toBeNull()
    expect(mappingProblem(null, fields)).toBe('请先指定表头所在的行')
    const m = mapping()
    m.columns[0].field = 'name'
    expect(mappingProblem(m, fields)).toBe('“姓名”对应了多列（A 列、C 列），每项只能对应一列')
    m.columns[0].field = 'employee_no'
    expect(mappingProblem(m, [{ key: 'employee_no', label: '职工编号' }])).toBe(
      '“职工编号”对应了多列（A 列、B 列），每项只能对应一列',
    )
    const noKey = mapping()
    noKey.columns[1].field = null
    expect(mappingProblem(noKey, fields)).toBe('请指定“工号”或“身份证号”所在的列')
    noKey.columns[0].field = 'id_number'
    expect(mappingProblem(noKey, fields)).toBeNull()
    const noName = mapping()
    noName.columns[2].field = null
    expect(mappingProblem(noName, fields)).toBe('请指定“姓名”所在的列')
  })

  it('filters, counts and sums up the preview', () => {
    const p = preview()
    expect(filterRows(p, '错误').map((r) => r.row_no)).toEqual([9])
    expect(filterRows(p, '全部')).toHaveLength(4)
    expect(counts(p)).toEqual({ 全部: 4, 新增: 1, 更新: 1, 不变: 1, 错误: 1, 跳过: 0 })
    expect(filterTabs(p)).toEqual(['全部', '错误', '新增', '更新', '不变'])
    expect(firstFilter(p)).toBe('错误')
    expect(rowDetail(p.rows[1])).toBe('岗位：班员 → 班长')
    expect(summary(p)).toBe('新增 1 人，更新 1 人，不变 1 人，1 行有错误将跳过')
    expect(commitLabel(p)).toBe('导入其余 2 行（跳过 1 行错误）')
    expect(hasWork(p)).toBe(true)
    const done = preview(true)
    expect(summary(done)).toBe('新增 1 人，更新 1 人，不变 1 人，1 行有错误未导入')
    const same = { ...preview(true), totals: { rows: 2, new: 0, updated: 0, unchanged: 2, errors: 0, skipped: 0, blank: 0 } }
    expect(hasWork(same)).toBe(false)
    expect(summary(same)).toBe('没有需要导入的新内容，数据库未改动')
  })

  it('lists footer rows as 跳过 and sends 导入到 with the options', () => {
    const p = branchPreview()
    expect(counts(p)).toEqual({ 全部: 3, 新增: 1, 更新: 0, 不变: 0, 错误: 1, 跳过: 1 })
    expect(filterTabs(p)).toEqual(['全部', '错误', '新增', '更新', '不变', '跳过'])
    expect(filterRows(p, '跳过').map((r) => r.row_no)).toEqual([18])
    expect(rowDetail(p.rows[2])).toBe('表尾：制表人：王芳 审核：李军')
    expect(summary(p)).toBe('新增 1 人，更新 0 人，不变 0 人，1 行有错误将跳过，表尾等 1 行不是人员将跳过')
    expect(summary(branchPreview(true))).toBe(
      '新增 1 人，更新 0 人，不变 0 人，1 行有错误未导入，表尾等 1 行不是人员已跳过',
    )
    expect(commitLabel(p)).toBe('导入其余 1 行（跳过 1 行错误）')
    expect(firstFilter({ ...p, totals: { ...p.totals, errors: 0 } })).toBe('全部')
    expect(importOptions(mapping(), true, 7)).toEqual({ mapping: mapping(), create_units: true, target_unit_id: 7 })
    expect(importOptions(null, false, undefined)).toEqual({ mapping: null, create_units: false, target_unit_id: null })
    expect(importOptions(null, false, '')).toEqual({ mapping: null, create_units: false, target_unit_id: null })
  })

  it('computes progress and pads the head rows', () => {
    expect(percent(0, 0)).toBe(0)
    expect(percent(5000, 10000)).toBe(50)
    expect(percent(10001, 10000)).toBe(100)
    expect(headTable([['标题'], [], ['序号', '工号', '姓名']])).toEqual([
      { rowNo: 1, cells: ['标题', '', ''] },
      { rowNo: 2, cells: ['', '', ''] },
      { rowNo: 3, cells: ['序号', '工号', '姓名'] },
    ])
  })
})

describe('导入花名册 dialog', () => {
  it('goes from the file to the mapping, the preview and the import', async () => {
    handler = (cmd) => {
      if (cmd === 'people_import_pick') return '/tmp/花名册.xlsx'
      if (cmd === 'people_import_open')
        return {
          path: '/tmp/花名册.xlsx',
          sheet_name: '花名册',
          row_count: 10,
          head: [['职工花名册'], [], ['序号', '工号', '姓名', '部门', '班组']],
          mapping: mapping(),
          fields: [
            { key: 'employee_no', label: '工号' },
            { key: 'name', label: '姓名' },
            { key: 'unit', label: '所在单位' },
          ],
        }
      if (cmd === 'people_import_preview') {
        progressListener?.({ payload: { done: 2, total: 4 } })
        return preview()
      }
      if (cmd === 'people_import_commit') return preview(true)
      return null
    }
    const w = mount(ImportPeopleDialog, {
      props: { modelValue: true },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    })
    await flushPromises()
    const body = () => document.body
    const click = async (id: string) => {
      const el = body().querySelector(`[data-testid=${id}]`) as HTMLElement | null
      expect(el, id).not.toBeNull()
      el!.click()
      await flushPromises()
    }
    await click('import-pick')
    expect(body().querySelector('[data-testid=import-mapping]')?.textContent).toContain('表中的列名')
    expect(body().querySelector('[data-testid=import-mapping-problem]')).toBeNull()

    ;(body().querySelector('[data-testid=import-create-units] input') as HTMLInputElement).click()
    await flushPromises()
    await click('import-preview')
    const previewCall = calls.find(([c]) => c === 'people_import_preview')!
    expect(previewCall[1]).toEqual({
      path: '/tmp/花名册.xlsx',
      options: { mapping: mapping(), create_units: true, target_unit_id: null },
    })
    // Errors first when there are any.
    const rows = body().querySelector('[data-testid=import-rows]')!.textContent!
    expect(rows).toContain('行 9：身份证号校验位错误（按 GB 11643 应为 8）')
    expect(rows).not.toContain('10004')
    expect(body().querySelector('[data-testid=import-summary]')!.textContent).toBe(
      '新增 1 人，更新 1 人，不变 1 人，1 行有错误将跳过',
    )
    expect(body().querySelector('[data-testid=import-commit]')!.textContent).toContain('导入其余 2 行')

    await click('import-commit')
    expect(calls.some(([c]) => c === 'people_import_commit')).toBe(true)
    expect(body().querySelector('[data-testid=import-result]')!.textContent).toContain('导入完成')
    expect(w.emitted('imported')).toHaveLength(1)
    w.unmount()
  })
})

describe('导入花名册 into a unit', () => {
  it('imports into the unit selected in the tree, and shows the sheet\'s problems and skipped rows', async () => {
    units.value = [node(1, '示范公司', '示范公司', [node(2, '城关供电所', '示范公司/城关供电所')])]
    calls.length = 0
    handler = (cmd) => {
      if (cmd === 'people_import_pick') return '/tmp/城关供电所.xlsx'
      if (cmd === 'people_import_open')
        return {
          path: '/tmp/城关供电所.xlsx',
          sheet_name: '花名册',
          row_count: 20,
          head: [['城关供电所职工花名册'], ['序号', '姓名', '身份证号', '部门']],
          mapping: {
            header_row: 2,
            columns: [
              { index: 0, letter: 'A', title: '序号', field: null },
              { index: 1, letter: 'B', title: '姓名', field: 'name' },
              { index: 2, letter: 'C', title: '身份证号', field: 'id_number' },
              { index: 3, letter: 'D', title: '部门', field: 'unit' },
            ],
          },
          fields,
        }
      if (cmd === 'people_import_preview') return branchPreview()
      if (cmd === 'people_import_commit') return branchPreview(true)
      return null
    }
    const w = mount(ImportPeopleDialog, {
      props: { modelValue: true, defaultUnitId: 2 },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    })
    await flushPromises()
    const body = () => document.body
    const q = (id: string) => body().querySelector(`[data-testid=${id}]`) as HTMLElement | null
    const click = async (id: string) => {
      expect(q(id), id).not.toBeNull()
      q(id)!.click()
      await flushPromises()
    }
    expect(body().textContent).toContain('表中没有工号时按身份证号')
    await click('import-pick')
    // 导入到 shows the unit selected in 人员档案's tree.
    expect(q('import-target')?.textContent ?? '').toContain('城关供电所')
    expect(body().textContent).toContain('没有填单位的人员归入此单位')
    await click('import-preview')
    const previewCall = calls.find(([c]) => c === 'people_import_preview')!
    expect((previewCall[1].options as { target_unit_id: number }).target_unit_id).toBe(2)
    expect(q('import-target-shown')!.textContent).toBe('导入到：示范公司/城关供电所')
    expect(q('import-problems')!.textContent).toContain('示范公司/城关供电所/综合班')
    expect(q('import-notes')!.textContent).toContain('按身份证号识别')
    expect(q('import-summary')!.textContent).toContain('表尾等 1 行不是人员将跳过')
    // Errors first; the footer under its own tab.
    expect(q('import-rows')!.textContent).not.toContain('制表人')
    await click('import-filter-跳过')
    const rows = q('import-rows')!.textContent!
    expect(rows).toContain('跳过')
    expect(rows).toContain('表尾：制表人：王芳 审核：李军')
    await click('import-commit')
    const commitCall = calls.find(([c]) => c === 'people_import_commit')!
    expect((commitCall[1].options as { target_unit_id: number }).target_unit_id).toBe(2)
    expect(w.emitted('imported')).toHaveLength(1)
    w.unmount()
    units.value = []
  })
})
