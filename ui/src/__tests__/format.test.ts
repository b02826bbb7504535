import { describe, expect, it } from 'vitest'
import * as f from '../lib/format'

describe('dates', () => {
  it('formats a date the Chinese way', () => {
    expect(f.formatDate('2026-11-24')).toBe('2026年11月24日')
    expect(f.formatDate('2026-03-05')).toBe('2026年3月5日')
    expect(f.formatDate('2026-11-24T09:00:00')).toBe('2026年11月24日')
    expect(f.formatDate(null)).toBe('')
  })
  it('formats date-times and times', () => {
    expect(f.formatDateTime('2026-11-24T09:00:00')).toBe('2026-11-24 09:00')
    expect(f.formatDateTime(null)).toBe('')
    expect(f.formatTime('2026-11-24T09:05:30')).toBe('09:05')
  })
  it('formats a span on one day and over several', () => {
    expect(f.formatSpan('2026-11-24T09:00:00', '2026-11-24T11:00:00')).toBe('2026-11-24 09:00–11:00')
    expect(f.formatSpan('2026-11-24T09:00:00', '2026-11-25T11:00:00')).toBe('2026-11-24 09:00 至 2026-11-25 11:00')
  })
  it('formats birth months as rosters do', () => {
    expect(f.formatBirthMonth('1985-03-12')).toBe('1985.03')
  })
  it('writes and reads local date-times without a zone', () => {
    const d = new Date(2026, 10, 24, 9, 5, 7)
    expect(f.toDateStr(d)).toBe('2026-11-24')
    expect(f.toDateTimeStr(d)).toBe('2026-11-24T09:05:07')
    expect(f.parseLocal('2026-11-24T09:05:07')?.getTime()).toBe(d.getTime())
    expect(f.parseLocal('not a date')).toBeNull()
  })
  it('defaults a new activity to the next full hour, two hours long', () => {
    expect(f.defaultActivityTimes(new Date(2026, 10, 24, 8, 17))).toEqual({
      starts_at: '2026-11-24T09:00:00',
      ends_at: '2026-11-24T11:00:00',
    })
    expect(f.defaultActivityTimes(new Date(2026, 10, 24, 9, 0))).toEqual({
      starts_at: '2026-11-24T10:00:00',
      ends_at: '2026-11-24T12:00:00',
    })
    // late in the evening it rolls over to the next day (and month, and year)
    expect(f.defaultActivityTimes(new Date(2026, 11, 31, 23, 30))).toEqual({
      starts_at: '2027-01-01T00:00:00',
      ends_at: '2027-01-01T02:00:00',
    })
  })
  it('knows the first and last day of a month', () => {
    expect(f.monthRange(new Date(2028, 1, 10))).toEqual({ from: '2028-02-01', to: '2028-02-29' })
    expect(f.monthRange(new Date(2026, 11, 31))).toEqual({ from: '2026-12-01', to: '2026-12-31' })
  })
  it('adds days across months', () => {
    expect(f.addDays('2026-11-28', 7)).toBe('2026-12-05')
    expect(f.addDays('2026-03-01', -1)).toBe('2026-02-28')
  })
})

describe('rates and shares', () => {
  const counts = { rate: 24 / 26, attended: 24, invited: 28, leave: 2 }
  it('writes the rate with its counts', () => {
    expect(f.formatRate(counts)).toBe('92.3%（24/26）')
    expect(f.formatRate({ rate: 0.5, attended: 1, invited: 2, leave: 0 })).toBe('50.0%（1/2）')
    expect(f.formatRate({ rate: 1, attended: 3, invited: 3, leave: 0 })).toBe('100.0%（3/3）')
  })
  it('writes a dash when nobody was expected', () => {
    expect(f.formatRate({ rate: null, attended: 0, invited: 2, leave: 2 })).toBe('—')
  })
  it('writes shares and ages', () => {
    expect(f.formatPercent(0.1234)).toBe('12.3%')
    expect(f.formatPercent(null)).toBe('—')
    expect(f.formatAge(41.26)).toBe('41.3 岁')
    expect(f.formatAge(null)).toBe('—')
  })
})

describe('form values', () => {
  it('sends blank optional text as null', () => {
    expect(f.blankToNull('  ')).toBeNull()
    expect(f.blankToNull(' 三楼会议室 ')).toBe('三楼会议室')
    expect(f.blankToNull(undefined)).toBeNull()
  })
})

describe('statusTag', () => {
  it('colours each attendance status and leaves 未签到 plain', () => {
    expect(f.statusTag({ status: '出席' })).toBe('success')
    expect(f.statusTag({ status: '迟到' })).toBe('warning')
    expect(f.statusTag({ status: '请假' })).toBe('info')
    expect(f.statusTag({ status: '缺席' })).toBe('danger')
    expect(f.statusTag({ status: null })).toBe('')
  })
})
