import { describe, expect, it, vi } from 'vitest'
import type { CheckIn } from '../api'
import { IDLE, Kiosk, answerForCheckIn, answerForError, outsiderWho } from '../lib/kiosk'

const recorded = (over: Partial<Extract<CheckIn, { result: 'recorded' }>> = {}): CheckIn => ({
  result: 'recorded',
  person_id: 1,
  employee_no: '10001',
  name: '张三',
  status: '出席',
  at: '2026-12-01T08:55:00',
  walk_in: false,
  ...over,
})

const NOT_INVITED = {
  code: 'attendance.not_invited',
  message: '李四（工号 10002）不是本次活动的应到人员；如确需签到，请按“非名单人员”补签',
}

describe('answers', () => {
  it('greens a check-in', () => {
    const a = answerForCheckIn(recorded())
    expect(a.tone).toBe('success')
    expect(a.headline).toBe('张三 签到成功')
    expect(a.detail).toContain('08:55')
  })
  it('says when someone is late', () => {
    expect(answerForCheckIn(recorded({ status: '迟到' })).headline).toBe('张三 签到成功（迟到）')
  })
  it('says when someone came without being invited', () => {
    expect(answerForCheckIn(recorded({ walk_in: true })).headline).toBe('张三 签到成功（非名单人员）')
  })
  it('blues a repeat', () => {
    const a = answerForCheckIn({ result: 'already', person_id: 1, employee_no: '10001', name: '张三', status: '出席', at: '2026-12-01T08:55:00' })
    expect(a.tone).toBe('already')
    expect(a.headline).toBe('张三 已签到')
    expect(a.detail).toContain('08:55')
  })
  it('oranges someone not on the list, naming them', () => {
    const a = answerForError(NOT_INVITED, '10002')
    expect(a.tone).toBe('outsider')
    expect(a.headline).toBe('非本次活动人员')
    expect(a.detail).toBe('李四（工号 10002）')
    expect(a.key).toBe('10002')
  })
  it('falls back to what was typed when the message has no name', () => {
    expect(outsiderWho('不是应到人员', '王五')).toBe('王五')
  })
  it('reds other errors with the core message', () => {
    const a = answerForError({ code: 'not_found', message: '未找到工号或姓名“99999”' }, '99999')
    expect(a).toEqual({ tone: 'error', headline: '未找到工号或姓名“99999”', detail: '' })
  })
})

describe('Kiosk', () => {
  it('starts idle and ignores blank entries', async () => {
    const checkIn = vi.fn()
    const k = new Kiosk(checkIn)
    expect(k.answer).toBe(IDLE)
    expect(await k.submit('   ')).toBe(false)
    expect(checkIn).not.toHaveBeenCalled()
  })

  it('checks in by the trimmed entry and reports the answer', async () => {
    const seen: string[] = []
    const checkIn = vi.fn().mockResolvedValue(recorded())
    const k = new Kiosk(checkIn, (a) => seen.push(a.headline))
    expect(await k.submit(' 10001 ')).toBe(true)
    expect(checkIn).toHaveBeenCalledWith('10001', false)
    expect(k.answer.headline).toBe('张三 签到成功')
    expect(seen).toEqual(['张三 签到成功'])
  })

  it('admits an outsider as a walk-in with the same key', async () => {
    const checkIn = vi
      .fn()
      .mockRejectedValueOnce(NOT_INVITED)
      .mockResolvedValueOnce(recorded({ name: '李四', employee_no: '10002', walk_in: true }))
    const k = new Kiosk(checkIn)
    await k.submit('李四')
    expect(k.answer.tone).toBe('outsider')
    expect(await k.admitWalkIn()).toBe(true)
    expect(checkIn).toHaveBeenLastCalledWith('李四', true)
    expect(k.answer.headline).toBe('李四 签到成功（非名单人员）')
    // nothing left to admit
    expect(await k.admitWalkIn()).toBe(false)
  })

  it('does not admit a walk-in unless an outsider is shown', async () => {
    const checkIn = vi.fn().mockRejectedValue({ code: 'not_found', message: '未找到' })
    const k = new Kiosk(checkIn)
    await k.submit('x')
    expect(await k.admitWalkIn()).toBe(false)
    expect(checkIn).toHaveBeenCalledTimes(1)
  })

  it('ignores a second entry while the first is answered (double Enter of a scanner)', async () => {
    let resolve!: (c: CheckIn) => void
    const checkIn = vi.fn().mockImplementation(() => new Promise<CheckIn>((r) => (resolve = r)))
    const k = new Kiosk(checkIn)
    const first = k.submit('10001')
    expect(k.isBusy).toBe(true)
    expect(await k.submit('10001')).toBe(false)
    resolve(recorded())
    await first
    expect(checkIn).toHaveBeenCalledTimes(1)
    expect(k.isBusy).toBe(false)
  })

  it('shows a failure of the channel as an error, not a crash', async () => {
    const k = new Kiosk(vi.fn().mockRejectedValue(new Error('boom')))
    await k.submit('10001')
    expect(k.answer.tone).toBe('error')
    expect(k.answer.headline).toBe('操作失败：Error: boom')
  })
})
