// The idle lock's clock, kept pure (the clock and the timers are given) so it can be tested
// without waiting: user input marks the user active; when nothing has been done for the idle
// time, `onIdle` runs once (the screen locks); while the user is active the server is told so at
// most once a minute (`onTouch`, auth_touch), so the server's idle clock follows the user and not
// only the last command.
//
// Input does not reset a timer each time (mouse moves come by the hundred): the one timer looks
// at the time of the last input when it fires and waits again for what is left.

export interface Clock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
}

/** auth_touch at most this often. */
export const TOUCH_EVERY_MS = 60_000
/** Mouse moves count at most this often (the other kinds of input always count). */
export const MOVE_EVERY_MS = 1_000

export type InputKind = 'pointerdown' | 'keydown' | 'wheel' | 'mousemove' | 'touchstart'

/** How long until the lock, from the last input (0: due now). */
export function idleLeft(now: number, lastInput: number, idleMs: number): number {
  return Math.max(0, lastInput + idleMs - now)
}

/** Whether input at `now` should tell the server (the last touch was a minute or more ago). */
export function touchDue(now: number, lastTouch: number, every = TOUCH_EVERY_MS): boolean {
  return now - lastTouch >= every
}

export interface IdleOptions {
  /** The idle time; 0 or less never locks. */
  idleMs: number
  onIdle: () => void
  onTouch: () => void
  clock?: Clock
  touchEveryMs?: number
  moveEveryMs?: number
}

export class IdleTimer {
  private readonly clock: Clock
  private idleMs: number
  private lastInput = 0
  private lastTouch = 0
  private handle: unknown = null
  private running = false

  constructor(private readonly opts: IdleOptions) {
    this.clock = opts.clock ?? systemClock
    this.idleMs = opts.idleMs
  }

  /** Starts counting from now (just signed in or unlocked: the server has just heard of us). */
  start(): void {
    this.stop()
    const now = this.clock.now()
    this.lastInput = now
    this.lastTouch = now
    this.running = true
    this.schedule(this.idleMs)
  }

  stop(): void {
    this.running = false
    if (this.handle !== null) this.clock.clearTimeout(this.handle)
    this.handle = null
  }

  get active(): boolean {
    return this.running
  }

  /** A new idle time (设置 changed, or a new session): counted from the last input. */
  setIdleMs(ms: number): void {
    this.idleMs = ms
    if (!this.running) return
    if (this.handle !== null) this.clock.clearTimeout(this.handle)
    this.handle = null
    this.check()
  }

  /** Milliseconds until the lock (Infinity when it never locks or is stopped). */
  remaining(): number {
    if (!this.running || this.idleMs <= 0) return Infinity
    return idleLeft(this.clock.now(), this.lastInput, this.idleMs)
  }

  /** The user did something. Ignored while stopped (e.g. typing into the lock's own form). */
  input(kind: InputKind = 'keydown'): void {
    if (!this.running) return
    const now = this.clock.now()
    if (kind === 'mousemove' && now - this.lastInput < (this.opts.moveEveryMs ?? MOVE_EVERY_MS)) return
    this.lastInput = now
    if (touchDue(now, this.lastTouch, this.opts.touchEveryMs ?? TOUCH_EVERY_MS)) {
      this.lastTouch = now
      this.opts.onTouch()
    }
  }

  private schedule(ms: number): void {
    if (this.idleMs <= 0) return
    this.handle = this.clock.setTimeout(() => {
      this.handle = null
      this.check()
    }, ms)
  }

  private check(): void {
    if (!this.running) return
    if (this.idleMs <= 0) return
    const left = idleLeft(this.clock.now(), this.lastInput, this.idleMs)
    if (left > 0) {
      this.schedule(left)
      return
    }
    this.running = false
    this.opts.onIdle()
  }
}
