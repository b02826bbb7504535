// The auth store: the start's state (auth_status), sign-in and first start, the idle lock, and
// what a refused command means for the screen (auth.locked: the lock over the screen, which
// stays mounted; auth.signed_out: the sign-in page). The state itself is in ./session.
import * as api from './api'
import type { AuthState, SessionInfo } from './api'
import { onAuthError, setSessionToken, toAppError } from './api/transport'
import type { AppError } from './api/transport'
import { IdleTimer } from './lib/idle'
import type { InputKind } from './lib/idle'
import { authState, damage, session, startError } from './session'

export { authState, can, canAdmin, canEdit, damage, roleCan, session, startError } from './session'

/** What the screen shows after a command was refused with `code` (the same state when nothing changes). */
export function stateAfterError(current: AuthState | null, code: string): AuthState | null {
  switch (code) {
    case 'auth.locked':
      return current === 'signed_in' || current === 'locked' ? 'locked' : current
    case 'auth.signed_out':
      return current === 'signed_in' || current === 'locked' ? 'signed_out' : current
    case 'auth.setup':
      return current === 'damaged' ? current : 'setup'
    default:
      return current
  }
}

/** A refused command (any screen's): moves the screen to the state it implies. */
export function handleAuthError(error: AppError): void {
  const next = stateAfterError(authState.value, error.code)
  if (next === authState.value) return
  if (next === 'locked') {
    lockLocally()
    return
  }
  if (next === 'signed_out' || next === 'setup') forgetSession()
  authState.value = next
}

// ---------- the idle lock ----------

const INPUTS: InputKind[] = ['pointerdown', 'keydown', 'wheel', 'mousemove', 'touchstart']
const idle = new IdleTimer({
  idleMs: 15 * 60_000,
  onIdle: () => {
    lockLocally()
    // The server locks the session too (a refusal here, such as auth.signed_out, moves the screen).
    api.authLock().catch(() => undefined)
  },
  onTouch: () => {
    api.authTouch().catch(() => undefined)
  },
})
const onInput = (e: Event) => idle.input(e.type as InputKind)
let listening = false

function watchInput(on: boolean) {
  if (typeof window === 'undefined' || on === listening) return
  listening = on
  for (const kind of INPUTS) {
    if (on) window.addEventListener(kind, onInput, { capture: true, passive: true })
    else window.removeEventListener(kind, onInput, { capture: true })
  }
}

function startIdle(minutes: number) {
  idle.setIdleMs(minutes * 60_000)
  idle.start()
  watchInput(true)
}

function stopIdle() {
  idle.stop()
  watchInput(false)
}

/** The idle time elapsed (or a command answered auth.locked): the lock over the current screen. */
export function lockLocally(): void {
  stopIdle()
  if (authState.value === 'signed_in' || authState.value === 'locked') authState.value = 'locked'
}

/** 设置 changed the idle time: the running session follows it at once. */
export function setIdleMinutes(minutes: number): void {
  if (session.value) session.value = { ...session.value, idle_minutes: minutes }
  idle.setIdleMs(minutes * 60_000)
}

// ---------- sessions ----------

function enterSession(s: SessionInfo): SessionInfo {
  session.value = s
  damage.value = null
  setSessionToken(s.token || null)
  authState.value = 'signed_in'
  startIdle(s.idle_minutes)
  return s
}

function forgetSession() {
  stopIdle()
  session.value = null
  setSessionToken(null)
}

let unhook: (() => void) | null = null

/**
 * Asks the start's state (App shows nothing else until it is known); a failure to ask is kept in
 * `startError` and shown instead of the screens.
 */
export async function initAuth(): Promise<AuthState | null> {
  unhook ??= onAuthError((_command, error) => handleAuthError(error))
  let status
  try {
    status = await api.authStatus()
  } catch (e) {
    startError.value = toAppError(e).message
    return null
  }
  startError.value = ''
  damage.value = status.damage
  if (status.session) {
    session.value = status.session
    setSessionToken(status.session.token || null)
  } else {
    forgetSession()
  }
  authState.value = status.state
  if (status.state === 'signed_in' && status.session) startIdle(status.session.idle_minutes)
  else stopIdle()
  return status.state
}

export async function setupAdmin(name: string, password: string): Promise<SessionInfo> {
  return enterSession(await api.authSetup(name.trim(), password))
}

export async function signIn(name: string, password: string): Promise<SessionInfo> {
  return enterSession(await api.authSignIn(name.trim(), password))
}

export async function unlock(password: string): Promise<SessionInfo> {
  return enterSession(await api.authUnlock(password))
}

/** 退出登录: the sign-in page, whatever the server answered (a failure is not kept from the user). */
export async function signOut(): Promise<void> {
  let failure: AppError | null = null
  try {
    await api.authSignOut()
  } catch (e) {
    failure = toAppError(e)
  }
  forgetSession()
  authState.value = 'signed_out'
  if (failure && !failure.code.startsWith('auth.')) throw failure
}

/** For tests: the idle timer's state. */
export const idleTimer = idle
