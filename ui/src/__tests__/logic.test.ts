import { describe, expect, it } from 'vitest'
import { clampPage, offsetOf, pageCount, slicePage } from '../lib/paging'
import { idNumberProblem, phoneProblem, requiredProblem, timeSpanProblem, asRule } from '../lib/rules'
import { initials, matches } from '../lib/search'
import { findUnit, flattenUnits, topmostUnits } from '../lib/units'
import { pyramidOption, peopleAxis } from '../lib/charts'
import type { UnitNode } from '../api'

describe('paging', () => {
  it('computes offsets and page counts', () => {
    expect(offsetOf(1, 50)).toBe(0)
    expect(offsetOf(3, 50)).toBe(100)
    expect(offsetOf(0, 50)).toBe(0)
    expect(pageCount(10000, 50)).toBe(200)
    expect(pageCount(10001, 50)).toBe(201)
    expect(pageCount(0, 50)).toBe(1)
  })
  it('keeps a page inside the list', () => {
    expect(clampPage(9, 120, 50)).toBe(3)
    expect(clampPage(-1, 120, 50)).toBe(1)
    expect(slicePage([1, 2, 3, 4, 5], 2, 2)).toEqual([3, 4])
    expect(slicePage([1, 2, 3], 7, 2)).toEqual([3])
  })
})

describe('form rules', () => {
  it('checks ID numbers for length and form only', () => {
    expect(idNumberProblem('')).toBeNull()
    expect(idNumberProblem('14010519850312001X')).toBeNull()
    expect(idNumberProblem('14010519850312001x')).toBeNull()
    expect(idNumberProblem('1401051985031200')).toBe('身份证号应为 18 位，现为 16 位')
    expect(idNumberProblem('1401051985031200AB')).toBe('身份证号应为 17 位数字加 1 位数字或 X')
  })
  it('checks phones', () => {
    expect(phoneProblem('13812345678')).toBeNull()
    expect(phoneProblem('0351-1234567')).toBeNull()
    expect(phoneProblem('03511234567')).toBeNull()
    expect(phoneProblem('')).toBeNull()
    expect(phoneProblem('1381234')).not.toBeNull()
  })
  it('requires text', () => {
    expect(requiredProblem('  ', '工号')).toBe('请填写工号')
    expect(requiredProblem(null, '所在单位')).toBe('请填写所在单位')
    expect(requiredProblem(3, '所在单位')).toBeNull()
  })
  it('wants the end after the start', () => {
    expect(timeSpanProblem('2026-12-01T09:00:00', '2026-12-01T11:00:00')).toBeNull()
    expect(timeSpanProblem('2026-12-01T09:00:00', '2026-12-01T09:00:00')).toBe('结束时间应晚于开始时间')
  })
  it('wraps a check as an Element Plus rule', () => {
    const rule = asRule(phoneProblem)
    const results: (Error | undefined)[] = []
    rule.validator({}, '123', (e) => results.push(e))
    rule.validator({}, '13812345678', (e) => results.push(e))
    expect(results[0]?.message).toContain('电话号码格式不对')
    expect(results[1]).toBeUndefined()
  })
})

describe('client-side search', () => {
  it('knows pinyin initials', () => {
    expect(initials('张三')).toBe('zs')
    expect(initials('刘德华')).toBe('ldh')
    expect(initials('吕布')).toBe('lb')
  })
  it('matches name, 工号 start and initials', () => {
    const row = { name: '张三', employee_no: 'A10001' }
    expect(matches(row, '')).toBe(true)
    expect(matches(row, '张')).toBe(true)
    expect(matches(row, 'a100')).toBe(true)
    expect(matches(row, '0001')).toBe(false)
    expect(matches(row, 'zs')).toBe(true)
    expect(matches(row, 'ZS')).toBe(true)
    expect(matches(row, 'ls')).toBe(false)
    expect(matches(row, '李')).toBe(false)
  })
})

describe('unit trees', () => {
  const node = (id: number, children: UnitNode[] = []): UnitNode => ({
    id, uid: String(id), name: `单位${id}`, kind: '部门', parent_id: null, path: '', depth: 0, staff: 0, staff_total: 0, children,
  })
  const tree = [node(1, [node(2, [node(3)]), node(4)]), node(5)]
  it('flattens depth first', () => {
    expect(flattenUnits(tree).map((n) => n.id)).toEqual([1, 2, 3, 4, 5])
  })
  it('finds a unit at any depth, or none', () => {
    expect(findUnit(tree, 3)?.name).toBe('单位3')
    expect(findUnit(tree, 9)).toBeNull()
  })
  it('invites a checked unit once, not again through its sub-units', () => {
    expect(topmostUnits(tree, new Set([1, 2, 3, 4]))).toEqual([1])
    expect(topmostUnits(tree, new Set([3, 4, 5]))).toEqual([3, 4, 5])
    expect(topmostUnits(tree, new Set())).toEqual([])
  })
})

describe('chart options', () => {
  it('puts men to the left of the pyramid, labelled by their number', () => {
    const o = pyramidOption([
      { label: '35岁及以下', male: 10, female: 4 },
      { label: '36-45岁', male: 3, female: 7 },
    ])
    expect(o.yAxis.data).toEqual(['35岁及以下', '36-45岁'])
    expect(o.series[0].name).toBe('男')
    expect(o.series[0].data).toEqual([-10, -3])
    expect(o.series[1].data).toEqual([4, 7])
    expect(o.series[0].label.formatter({ value: -10 })).toBe('10')
    expect(o.xAxis.axisLabel.formatter(-5)).toBe('5')
    // same scale both sides, with room for the labels
    expect(o.xAxis.min).toBe(-o.xAxis.max)
    expect(o.xAxis.max).toBeGreaterThan(10)
  })
  it('counts people in whole numbers on the axis: no "2.5 人" tick', () => {
    expect(peopleAxis(4.8)).toEqual({ max: 6, interval: 2 })
    expect(peopleAxis(12)).toEqual({ max: 15, interval: 5 })
    expect(peopleAxis(57.6)).toEqual({ max: 60, interval: 20 })
    expect(peopleAxis(0)).toEqual({ max: 2, interval: 1 })
    expect(peopleAxis(230)).toEqual({ max: 300, interval: 100 })
    for (let n = 0; n <= 3000; n += 0.7) {
      const { max, interval } = peopleAxis(n)
      expect(Number.isInteger(interval) && Number.isInteger(max / interval)).toBe(true)
      expect(max).toBeGreaterThanOrEqual(n)
    }
    // The pyramid of one man and three women: ticks 0, 2, 4 on each side.
    const o = pyramidOption([{ label: '35岁及以下', male: 1, female: 3 }])
    expect([o.xAxis.max, o.xAxis.interval]).toEqual([4, 2])
    expect(o.xAxis.minInterval).toBe(1)
  })
})
