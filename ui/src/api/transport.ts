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

const SESSION_KEY = 'qungong-session'
export const SESSION_HEADER = 'X-Qungong-Session'

/**
 * Browser mode's session: the token auth_sign_in / auth_setup / auth_unlock answered, kept in this
 * tab's session storage and sent with every request next to the page's token (the token proves
 * the page came from this server, the session who sits at it). The desktop ignores it.
 */
export function sessionToken(): string | null {
  try {
    return sessionStorage.getItem(SESSION_KEY)
  } catch {
    return null
  }
}
export function setSessionToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(SESSION_KEY, token)
    else sessionStorage.removeItem(SESSION_KEY)
  } catch {
    // no storage: the session lasts as long as the server keeps it
  }
}

/** One POST to browser mode's server with the token; `OFFLINE` when the server is gone. */
async function post(path: string, headers: Record<string, string>, body: BodyInit): Promise<Response> {
  const token = requireToken()
  const session = sessionToken()
  const all: Record<string, string> = { ...headers, [TOKEN_HEADER]: token }
  if (session) all[SESSION_HEADER] = session
  try {
    return await fetch(path, { method: 'POST', headers: all, body })
  } catch {
    throw OFFLINE
  }
}

/** The `{code, message}` of a failed answer (or what its status says when it has none). */
async function failure(res: Response): Promise<AppError> {
  const body: unknown = await res.json().catch(() => null)
  return body ? toAppError(body) : { code: 'internal', message: `操作失败（HTTP ${res.status}）` }
}

/** One command over browser mode's server: its JSON answer, or its `{code, message}` thrown. */
async function postApi<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  const res = await post(`/api/${command}`, { 'Content-Type': 'application/json' }, JSON.stringify(args ?? {}))
  if (!res.ok) throw await failure(res)
  return (await res.json()) as T
}

/** The token, or the error a page without one gets. */
function requireToken(): string {
  const token = browserToken()
  if (!token) {
    throw {
      code: 'unauthorized',
      message: '这个页面没有群工台的口令：请从“群工台（浏览器版）”启动时打开的页面使用。',
    } satisfies AppError
  }
  return token
}

/** A header the server percent-encoded (file names, the characters a font lacks). */
function decoded(res: Response, name: string): string {
  const v = res.headers.get(name)
  try {
    return v ? decodeURIComponent(v) : ''
  } catch {
    return v ?? ''
  }
}

/**
 * Browser mode's downloads: the server answers with the file itself; the page hands it to the
 * browser, which saves or opens it as it does any download. Returns the file's name and the
 * answer's headers.
 */
async function download(command: string, args: Record<string, unknown>): Promise<{ name: string; res: Response }> {
  const res = await post(`/api/${command}`, { 'Content-Type': 'application/json' }, JSON.stringify(args))
  if (!res.ok) throw await failure(res)
  const name = decoded(res, 'X-File-Name') || 'download'
  const blob = await res.blob()
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
  return { name, res }
}

/**
 * Browser mode's uploads: the browser's file chooser (`accept` as the input takes it), then the
 * file to the server, which answers where it keeps it. null when nothing was chosen.
 */
async function pickAndUpload(accept: string, purpose = ''): Promise<string | null> {
  const file = await new Promise<File | null>((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    if (accept) input.accept = accept
    input.style.display = 'none'
    input.dataset.testid = 'file-chooser'
    document.body.appendChild(input)
    const done = (f: File | null) => {
      input.remove()
      resolve(f)
    }
    input.addEventListener('change', () => done(input.files?.[0] ?? null))
    // Chromium 113+ and Firefox 91+ say so when the chooser is closed without a file. Test seam:
    // headless Chromium closes every chooser at once, so the end-to-end tests set this tab's
    // `qungong-e2e-chooser` to `wait` and put the file into the input through WebDriver
    // (tests/e2e, App::open_with); nothing else sets it.
    input.addEventListener('cancel', () => {
      if (sessionStorage.getItem(CHOOSER_SEAM) !== 'wait') done(null)
    })
    input.click()
  })
  if (!file) return null
  const res = await post('/api/upload', { 'X-File-Name': encodeURIComponent(file.name), 'X-Upload-Purpose': purpose }, file)
  if (!res.ok) throw await failure(res)
  const body = (await res.json().catch(() => null)) as { path?: string } | null
  if (!body?.path) throw { code: 'internal', message: '上传失败：服务没有给出文件位置' } satisfies AppError
  return body.path
}

const SHEETS = '.xlsx,.xls,.et,.ods,.csv'
const CHOOSER_SEAM = 'qungong-e2e-chooser'

/**
 * What the desktop does with a native dialog or the window, done the browser's way (uploads,
 * downloads, the Fullscreen API); every other command is the same POST.
 */
const BROWSER: Record<string, (args: Record<string, unknown>) => Promise<unknown>> = {
  people_import_pick: () => pickAndUpload(SHEETS),
  meeting_import_pick: () => pickAndUpload(SHEETS),
  pick_font_file: () => pickAndUpload('.ttf,.otf,.ttc', 'font'),
  activity_file_add: async (args) => {
    const path = await pickAndUpload(args.kind === '照片' ? 'image/jpeg,image/png' : '')
    if (!path) return null
    return call('activity_file_attach', { ...args, path })
  },
  print_document: async (args) => {
    const { name, res } = await download('print_document', args)
    // The browser shows the download; there is no path on this PC to report, and nothing left
    // to open.
    return { path: name, pages: Number(res.headers.get('X-Pages') ?? 0), missing_glyphs: decoded(res, 'X-Missing-Glyphs'), opened: true }
  },
  export_xlsx: async (args) => {
    const { name, res } = await download('export_xlsx', args)
    const sheets = decoded(res, 'X-Sheets')
    return { path: name, rows: Number(res.headers.get('X-Rows') ?? 0), sheets: sheets ? sheets.split('/') : [] }
  },
  activity_file_save: async (args) => (await download('activity_file_save', args)).name,
  backup_save: async (args) => (await download('backup_save', args)).name,
  activity_file_open: async (args) => {
    await download('activity_file_open', args)
    return null
  },
  set_fullscreen: async (args) => {
    const on = Boolean(args.fullscreen)
    if (on && !document.fullscreenElement) await document.documentElement.requestFullscreen?.()
    if (!on && document.fullscreenElement) await document.exitFullscreen?.()
    return null
  },
}

/**
 * Runs one command of src-tauri/API.md. Callers pass the command name as a string literal (one
 * command per call site): a test reads the names from the api/ files and compares them with the
 * registered handlers. Arguments are snake_case exactly as the handlers expect them.
 */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    if (!isDesktop()) {
      const own = BROWSER[command]
      return await ((own ? own(args ?? {}) : postApi<T>(command, args)) as Promise<T>)
    }
    try {
      return await invoke<T>(command, args)
    } catch (e) {
      throw toAppError(e)
    }
  } catch (e) {
    if (isAppError(e) && e.code.startsWith('auth.')) for (const l of authListeners) l(command, e)
    throw e
  }
}

/**
 * Who wants to hear of a command refused for the session's sake (`auth.locked`, `auth.signed_out`,
 * `auth.setup` …): the auth store, which then shows the lock or the sign-in page. The caller still
 * gets the error.
 */
type AuthListener = (command: string, error: AppError) => void
const authListeners = new Set<AuthListener>()
export function onAuthError(listener: AuthListener): () => void {
  authListeners.add(listener)
  return () => authListeners.delete(listener)
}

/** Browser mode: tells the server a page is still open (it stops after a while without one). */
export const HEARTBEAT_MS = 60_000
export function heartbeat(): Promise<unknown> {
  return postApi('ping')
}

/** Browser mode: how far the staff import under way is (null when none runs). */
export function importProgress(): Promise<{ done: number; total: number } | null> {
  return postApi('import_progress')
}

/** Browser mode's 退出: stops the server. */
export function quitServer(): Promise<unknown> {
  return postApi('quit')
}
