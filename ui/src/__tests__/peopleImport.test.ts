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

import type { ImportMapping, ImportPreview, ImportRow, ImportSheet } from '../api'
import {
  commitLabel,
  counts,
  filterRows,
  hasWork,
  headTable,
  mappingProblem,
  percent,
  rowDetail,
  summary,
} from '../lib/peopleImport'
import ImportPeopleDialog from '../components/people/ImportPeopleDialog.vue'

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
  totals: { rows: 4, new: 1, updated: 1, unchanged: 1, errors: 1, skipped: 1 },
  new_units: [],
  committed,
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
    expect(mappingProblem(noKey, fields)).toBe('请指定“工号”所在的列')
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
    expect(counts(p)).toEqual({ 全部: 4, 新增: 1, 更新: 1, 不变: 1, 错误: 1 })
    expect(rowDetail(p.rows[1])).toBe('岗位：班员 → 班长')
    expect(summary(p)).toBe('新增 1 人，更新 1 人，不变 1 人，1 行有错误将跳过')
    expect(commitLabel(p)).toBe('导入其余 2 行（跳过 1 行错误）')
    expect(hasWork(p)).toBe(true)
    const done = preview(true)
    expect(summary(done)).toBe('新增 1 人，更新 1 人，不变 1 人，1 行有错误未导入')
    const same = { ...preview(true), totals: { rows: 2, new: 0, updated: 0, unchanged: 2, errors: 0, skipped: 0 } }
    expect(hasWork(same)).toBe(false)
    expect(summary(same)).toBe('没有需要导入的新内容，数据库未改动')
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
      options: { mapping: mapping(), create_units: true },
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
