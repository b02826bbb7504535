// The 工作台's figures, asked for at start-up: main.ts sends `dashboard` before the app mounts, so
// the command runs while the 工作台's chunk loads and mounts instead of after it. The first
// Dashboard mount takes that answer; every later load asks anew.
import * as api from './api'
import type { Dashboard } from './api'

/** An answer older than this is not shown: it is asked for again. */
const FRESH_MS = 10_000

let early: { at: number; answer: Promise<Dashboard> } | null = null

/** Sends `dashboard` now (a failure is shown by the screen that takes the answer). */
export function prefetchDashboard(): void {
  const answer = api.dashboard()
  answer.catch(() => undefined)
  early = { at: Date.now(), answer }
}

/** The answer sent for at start-up if it is still fresh (once), else a new call. */
export function dashboardData(): Promise<Dashboard> {
  const e = early
  early = null
  if (e && Date.now() - e.at < FRESH_MS) return e.answer
  return api.dashboard()
}

/** Whether the address the window opened on is the 工作台 (hash history: "", "#/", "#/?…"). */
export function opensOnDashboard(hash: string): boolean {
  const path = hash.replace(/^#/, '').split('?')[0]
  return path === '' || path === '/'
}
