// How the UI reaches the handlers, and the only file that knows: in the desktop window through
// Tauri's IPC (`invoke`), in browser mode (`qungong serve`) through `POST /api/<command>` on the
// server that served the page, with the token it was opened with. Every failure, whatever the
// transport, reaches the caller as an AppError whose Chinese message is shown as it is.
import { invoke } from '@tauri-apps/api/core'
import type { AppError } from './types'

export type { AppError }

export function isAppError(e: unknown): e is AppError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as AppError).code === 'string' &&
    typeof (e as AppError).message === 'string'
  )
}

/** A Tauri rejection is already `{code, message}`; anything else becomes code `internal`. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return { code: e.code, message: e.message }
  return { code: 'internal', message: '操作失败：' + String(e) }
}

/** True in the desktop window (Tauri's IPC is there); false in a browser (browser mode). */
export function isDesktop(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window
}

const TOKEN_KEY = 'qungong-token'
export const TOKEN_HEADER = 'X-Qungong-Token'

/**
 * Browser mode's token: given once in the address the server opened (`/?t=…`), then kept in this
 * tab's session storage and taken out of the address (so it is not in the history or a bookmark).
 */
export function browserToken(): string | null {
  const url = new URL(window.location.href)
  const given = url.searchParams.get('t')
  if (given) {
    sessionStorage.setItem(TOKEN_KEY, given)
    url.searchParams.delete('t')
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash)
    return given
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

const OFFLINE: AppError = {
  code: 'offline',
  message: '与群工台的连接已断开：浏览器版可能已经停止。请重新启动“群工台（浏览器版）”。',
}

/** One request to browser mode's server; its JSON answer, or its `{code, message}` thrown. */
async function postApi<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  const token = browserToken()
  if (!token) {
    throw {
      code: 'unauthorized',
      message: '这个页面没有群工台的口令：请从“群工台（浏览器版）”启动时打开的页面使用。',
    } satisfies AppError
  }
  let res: Response
  try {
    res = await fetch(`/api/${command}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(args ?? {}),
    })
  } catch {
    throw OFFLINE
  }
  let body: unknown = null
  try {
    body = await res.json()
  } catch {
    if (!res.ok) throw { code: 'internal', message: `操作失败（HTTP ${res.status}）` } satisfies AppError
  }
  if (!res.ok) throw toAppError(body)
  return body as T
}

/**
 * Runs one command of src-tauri/API.md. Callers pass the command name as a string literal (one
 * command per call site): a test reads the names from the api/ files and compares them with the
 * registered handlers. Arguments are snake_case exactly as the handlers expect them.
 */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  if (!isDesktop()) return postApi<T>(command, args)
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw toAppError(e)
  }
}

/** Browser mode: tells the server a page is still open (it stops after a while without one). */
export const HEARTBEAT_MS = 60_000
export function heartbeat(): Promise<unknown> {
  return postApi('ping')
}

/** Browser mode's 退出: stops the server. */
export function quitServer(): Promise<unknown> {
  return postApi('quit')
}
