// The 签到台 answer logic: what one entry (a scanned or typed 工号, or a name) turns into on the
// screen. Kept free of Vue so every branch is unit-tested.
import type { AppError, CheckIn, CheckInWindow } from '../api'
import { toAppError } from '../api'
import { formatTime } from './format'

/** `closed`: the activity takes no check-in now (too early, or its day is over). */
export type Tone = 'idle' | 'busy' | 'success' | 'already' | 'outsider' | 'error' | 'closed'

export interface Answer {
  tone: Tone
  /** The big line, e.g. "张三 签到成功（迟到）". */
  headline: string
  /** A smaller line under it (time, who, the core's message). */
  detail: string
  /** For an outsider: what was typed, to repeat the call with walk_in. */
  key?: string
}

export const IDLE: Answer = { tone: 'idle', headline: '请刷工牌，或输入工号、身份证号（后 6 位）、姓名后按回车', detail: '' }

/** What the kiosk shows while nobody is at it: the prompt, or the core's word on why it takes
 *  no check-in now ("本活动于 12月8日 09:00 开始，现在不能签到…"). */
export function idleAnswer(w: Pick<CheckInWindow, 'notice'> | null | undefined): Answer {
  return w?.notice ? { tone: 'closed', headline: w.notice, detail: '' } : IDLE
}

/** Check-in refused for the time, not for the person. */
const WINDOW_CODES = ['attendance.not_open', 'attendance.closed', 'activity.cancelled']

export function answerForCheckIn(c: CheckIn): Answer {
  if (c.result === 'already') {
    const at = formatTime(c.at)
    return {
      tone: 'already',
      headline: `${c.name} 已签到`,
      detail: at ? `已于 ${at} 签到，不重复计数` : '不重复计数',
    }
  }
  const late = c.status === '迟到' ? '（迟到）' : ''
  const walk = c.walk_in ? '（非名单人员）' : ''
  return {
    tone: 'success',
    headline: `${c.name} 签到成功${late}${walk}`,
    detail: `工号 ${c.employee_no}，${formatTime(c.at)}`,
  }
}

/** "张三（工号 10001）不是本次…" → "张三（工号 10001）"; the typed key when the message differs. */
export function outsiderWho(message: string, key: string): string {
  const m = /^(.+?（工号 [^）]+）)/.exec(message)
  return m ? m[1] : key
}

export function answerForError(e: AppError, key: string): Answer {
  if (e.code === 'attendance.not_invited') {
    return { tone: 'outsider', headline: '非本次活动人员', detail: outsiderWho(e.message, key), key }
  }
  if (WINDOW_CODES.includes(e.code)) return { tone: 'closed', headline: e.message, detail: '' }
  return { tone: 'error', headline: e.message, detail: '' }
}

export type CheckInFn = (key: string, walkIn: boolean) => Promise<CheckIn>

/**
 * One kiosk: `submit` a typed entry, `admitWalkIn` the outsider just shown. Entries arriving
 * while one is being answered are ignored (a scanner may send Enter twice).
 */
export class Kiosk {
  answer: Answer = IDLE
  private busy = false

  constructor(
    private readonly checkIn: CheckInFn,
    private readonly onChange: (a: Answer) => void = () => {},
  ) {}

  get isBusy(): boolean {
    return this.busy
  }

  private set(a: Answer) {
    this.answer = a
    this.onChange(a)
  }

  /** Returns whether the entry was sent (false for a blank entry or while busy). */
  async submit(raw: string): Promise<boolean> {
    const key = raw.trim()
    if (!key || this.busy) return false
    await this.run(key, false)
    return true
  }

  /** Shows `a` (the idle prompt or the window's notice) unless an answer to someone is on screen. */
  rest(a: Answer) {
    if (this.answer.tone === 'idle' || this.answer.tone === 'closed') this.set(a)
  }

  async admitWalkIn(): Promise<boolean> {
    if (this.answer.tone !== 'outsider' || !this.answer.key || this.busy) return false
    await this.run(this.answer.key, true)
    return true
  }

  private async run(key: string, walkIn: boolean) {
    this.busy = true
    try {
      const c = await this.checkIn(key, walkIn)
      this.set(answerForCheckIn(c))
    } catch (e) {
      this.set(answerForError(toAppError(e), key))
    } finally {
      this.busy = false
    }
  }
}
