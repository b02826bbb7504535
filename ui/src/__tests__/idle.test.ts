// The idle lock's clock (lib/idle.ts) with a hand-driven clock.
import { describe, expect, it } from 'vitest'
import { IdleTimer, idleLeft, touchDue } from '../lib/idle'
import type { Clock } from '../lib/idle'

/** A clock whose time moves only when told; due timers run in order as it passes them. */
class FakeClock implements Clock {
  t = 0
  private seq = 0
  timers = new Map<number, { at: number; fn: () => void }>()
  now() {
    return this.t
  }
  setTimeout(fn: () => void, ms: number) {
    const id = ++this.seq
    this.timers.set(id, { at: this.t + ms, fn })
    return id
  }
  clearTimeout(h: unknown) {
    this.timers.delete(h as number)
  }
  advance(ms: number) {
    const end = this.t + ms
    for (;;) {
      const due = [...this.timers.entries()].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0]
      if (!due) break
      this.timers.delete(due[0])
      this.t = due[1].at
      due[1].fn()
    }
    this.t = end
  }
}

const MIN = 60_000

function setup(idleMinutes = 15) {
  const clock = new FakeClock()
  const log: string[] = []
  const timer = new IdleTimer({
    idleMs: idleMinutes * MIN,
    clock,
    onIdle: () => log.push(`idle@${clock.now() / 1000}`),
    onTouch: () => log.push(`touch@${clock.now() / 1000}`),
  })
  return { clock, log, timer }
}

describe('空闲锁定', () => {
  it('pure rules: time left and when to touch', () => {
    expect(idleLeft(1000, 0, 5000)).toBe(4000)
    expect(idleLeft(6000, 0, 5000)).toBe(0)
    expect(touchDue(59_999, 0)).toBe(false)
    expect(touchDue(60_000, 0)).toBe(true)
  })

  it('locks once after the idle time without input, exactly at the boundary', () => {
    const { clock, log, timer } = setup(15)
    timer.start()
    clock.advance(15 * MIN - 1)
    expect(log).toEqual([])
    expect(timer.remaining()).toBe(1)
    clock.advance(1)
    expect(log).toEqual([`idle@${15 * 60}`])
    expect(timer.active).toBe(false)
    // stopped: more time or input does nothing
    timer.input('keydown')
    clock.advance(60 * MIN)
    expect(log).toHaveLength(1)
  })

  it('input moves the lock: it comes the idle time after the last input', () => {
    const { clock, log, timer } = setup(15)
    timer.start()
    clock.advance(10 * MIN)
    timer.input('pointerdown')
    clock.advance(14 * MIN)
    expect(log.filter((l) => l.startsWith('idle'))).toEqual([])
    clock.advance(1 * MIN)
    expect(log.filter((l) => l.startsWith('idle'))).toEqual([`idle@${25 * 60}`])
  })

  it('tells the server at most once a minute while the user is active', () => {
    const { clock, log, timer } = setup(15)
    timer.start()
    for (let s = 1; s <= 150; s++) {
      clock.advance(1000)
      timer.input('keydown')
    }
    // start at 0 counts as told; then at 60 s and 120 s
    expect(log).toEqual(['touch@60', 'touch@120'])
  })

  it('mouse moves count at most once a second; other input always', () => {
    const { clock, log, timer } = setup(1)
    timer.start()
    clock.advance(59_500)
    timer.input('mousemove') // counts (59.5 s since the last input)
    clock.advance(400)
    timer.input('mousemove') // ignored: 0.4 s after the last counted one
    clock.advance(59_200) // 59.6 s after the counted move, 59.2 after the ignored one
    expect(log.filter((l) => l.startsWith('idle'))).toEqual([])
    clock.advance(400)
    expect(log.filter((l) => l.startsWith('idle'))).toEqual([`idle@${119.5}`])
  })

  it('a new idle time counts from the last input; 0 never locks', () => {
    const { clock, log, timer } = setup(15)
    timer.start()
    clock.advance(6 * MIN)
    timer.setIdleMs(5 * MIN) // already past: locks at once
    expect(log).toEqual([`idle@${6 * 60}`])

    const b = setup(15)
    b.timer.start()
    b.timer.setIdleMs(0)
    b.clock.advance(24 * 60 * MIN)
    expect(b.log.filter((l) => l.startsWith('idle'))).toEqual([])
    expect(b.timer.remaining()).toBe(Infinity)
  })

  it('start again (after unlocking) counts from then', () => {
    const { clock, log, timer } = setup(2)
    timer.start()
    clock.advance(2 * MIN)
    expect(log).toEqual(['idle@120'])
    clock.advance(10 * MIN)
    timer.start()
    clock.advance(2 * MIN - 1)
    expect(log).toEqual(['idle@120'])
    clock.advance(1)
    expect(log).toEqual(['idle@120', 'idle@840'])
  })
})
