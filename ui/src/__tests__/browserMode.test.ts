// Browser mode (`qungong serve`): the same calls go to POST /api/<command> with the token the
// page was opened with; failures arrive as the same {code, message}.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { call, browserToken, heartbeat, isDesktop, quitServer, sessionToken } from '../api/transport'
import { signIn, signOut } from '../auth'
import { backupSave, activityFileAdd, onImportProgress, peopleImportPick, printDocument, setFullscreen, unitTree, PROGRESS_POLL_MS } from '../api'

type Sent = { url: string; init: RequestInit }
let sent: Sent[] = []
let answer: () => Promise<Response>

beforeEach(() => {
  delete (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__
  sessionStorage.clear()
  sent = []
  answer = async () => new Response('[]', { status: 200 })
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, init })
    return answer()
  })
})

afterEach(() => {
  vi.unstubAllGlobals()
  ;(window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {}
})

describe('browser mode transport', () => {
  it('keeps the token from the address, takes it out of it, and sends it with every call', async () => {
    window.history.replaceState(null, '', '/?t=abc123#/people')
    expect(isDesktop()).toBe(false)
    expect(browserToken()).toBe('abc123')
    expect(window.location.search).toBe('')
    expect(window.location.hash).toBe('#/people')
    // Later calls (the address no longer has it) use the kept one.
    expect(await unitTree()).toEqual([])
    expect(sent).toHaveLength(1)
    expect(sent[0].url).toBe('/api/unit_tree')
    expect(sent[0].init.method).toBe('POST')
    expect((sent[0].init.headers as Record<string, string>)['X-Qungong-Token']).toBe('abc123')

    await call('unit_add', { name: '城关供电所', parent_id: 1 })
    expect(JSON.parse(String(sent[1].init.body))).toEqual({ name: '城关供电所', parent_id: 1 })

    await heartbeat()
    await quitServer()
    expect(sent.slice(2).map((s) => s.url)).toEqual(['/api/ping', '/api/quit'])
  })

  it('throws the server’s {code, message}, and says so when the server is gone', async () => {
    window.history.replaceState(null, '', '/?t=abc123#/')
    browserToken()
    answer = async () => new Response(JSON.stringify({ code: 'invalid', message: '单位名称：不能为空' }), { status: 400 })
    await expect(call('unit_add', { name: '' })).rejects.toEqual({ code: 'invalid', message: '单位名称：不能为空' })

    answer = async () => {
      throw new TypeError('Failed to fetch')
    }
    await expect(call('unit_tree')).rejects.toMatchObject({ code: 'offline' })
    await expect(call('unit_tree')).rejects.toHaveProperty('message', expect.stringContaining('重新启动'))
  })

  it('refuses to call without a token rather than sending a request', async () => {
    window.history.replaceState(null, '', '/#/')
    await expect(call('unit_tree')).rejects.toMatchObject({ code: 'unauthorized' })
    expect(sent).toHaveLength(0)
  })
})

describe('browser mode files', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/?t=tok#/')
    browserToken()
  })

  it('prints as a download: the file to the browser, the page told its name and pages', async () => {
    const clicked: HTMLAnchorElement[] = []
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} }))
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this)
    })
    answer = async () =>
      new Response(new Uint8Array([37, 80, 68, 70]), {
        status: 200,
        headers: { 'X-File-Name': encodeURIComponent('签到表.pdf'), 'X-Pages': '2', 'X-Missing-Glyphs': encodeURIComponent('𠀀') },
      })
    const printed = await printDocument({ kind: 'sign_in_sheet', activity_id: 7 }, { order: 'stroke', show_id_number: false, unmask: false, font: null })
    expect(printed).toEqual({ path: '签到表.pdf', pages: 2, missing_glyphs: '𠀀', opened: true })
    expect(sent[0].url).toBe('/api/print_document')
    expect(JSON.parse(String(sent[0].init.body))).toMatchObject({ job: { kind: 'sign_in_sheet', activity_id: 7 } })
    expect(clicked).toHaveLength(1)
    expect(clicked[0].download).toBe('签到表.pdf')
    click.mockRestore()
  })

  it('keeps the session a sign-in answered and sends it next to the token until signing out', async () => {
    window.history.replaceState(null, '', '/?t=abc123#/')
    browserToken()
    answer = async () => new Response(JSON.stringify({ token: 'sess-1', account: 'admin', role: '管理员', idle_minutes: 15 }), { status: 200 })
    await signIn('admin', 'abcd1234')
    expect(sessionStorage.getItem('qungong-session')).toBe('sess-1')
    expect(sessionToken()).toBe('sess-1')
    expect((sent[0].init.headers as Record<string, string>)['X-Qungong-Session']).toBeUndefined()
    answer = async () => new Response('[]', { status: 200 })
    await unitTree()
    const headers = sent[1].init.headers as Record<string, string>
    expect(headers['X-Qungong-Token']).toBe('abc123')
    expect(headers['X-Qungong-Session']).toBe('sess-1')
    answer = async () => new Response('null', { status: 200 })
    await signOut()
    expect(sessionStorage.getItem('qungong-session')).toBeNull()
    await unitTree()
    expect((sent[3].init.headers as Record<string, string>)['X-Qungong-Session']).toBeUndefined()
  })

  it('另存 a backup as a download', async () => {
    window.history.replaceState(null, '', '/?t=abc123#/')
    browserToken()
    const clicked: HTMLAnchorElement[] = []
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} }))
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this)
    })
    answer = async () => new Response(new Uint8Array([83, 81, 76]), { status: 200, headers: { 'X-File-Name': encodeURIComponent('群工台-2026-05-01.db') } })
    expect(await backupSave('群工台-2026-05-01.db')).toBe('群工台-2026-05-01.db')
    expect(sent[0].url).toBe('/api/backup_save')
    expect(JSON.parse(String(sent[0].init.body))).toEqual({ file: '群工台-2026-05-01.db' })
    expect(clicked[0].download).toBe('群工台-2026-05-01.db')
    click.mockRestore()
  })

  it('picks a file with the browser’s chooser and uploads it, then attaches it', async () => {
    const file = new File(['工号,姓名'], '花名册 2026.csv')
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      Object.defineProperty(this, 'files', { value: [file] })
      this.dispatchEvent(new Event('change'))
    })
    answer = async () => new Response(JSON.stringify({ path: '/tmp/qungong-serve-1/0-花名册 2026.csv' }), { status: 200 })
    expect(await peopleImportPick()).toBe('/tmp/qungong-serve-1/0-花名册 2026.csv')
    expect(sent[0].url).toBe('/api/upload')
    const headers = sent[0].init.headers as Record<string, string>
    expect(decodeURIComponent(headers['X-File-Name'])).toBe('花名册 2026.csv')
    expect(headers['X-Qungong-Token']).toBe('tok')

    // A photo: uploaded, then attached by its path.
    answer = async () => new Response(JSON.stringify({ path: '/tmp/p.jpg', id: 1 }), { status: 200 })
    await activityFileAdd(5, '照片')
    expect(sent.slice(1).map((s) => s.url)).toEqual(['/api/upload', '/api/activity_file_attach'])
    expect(JSON.parse(String(sent[2].init.body))).toMatchObject({ activity_id: 5, kind: '照片', path: '/tmp/p.jpg' })
    click.mockRestore()
  })

  it('a chooser closed without a file is a cancel, and nothing is sent', async () => {
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      this.dispatchEvent(new Event('cancel'))
    })
    expect(await peopleImportPick()).toBeNull()
    expect(sent).toHaveLength(0)
    expect(document.querySelector('[data-testid=file-chooser]')).toBeNull()
    click.mockRestore()
  })

  it('with the end-to-end seam set, a cancel waits for the file WebDriver puts in', async () => {
    sessionStorage.setItem('qungong-e2e-chooser', 'wait')
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      this.dispatchEvent(new Event('cancel'))
    })
    answer = async () => new Response(JSON.stringify({ path: '/tmp/x.csv' }), { status: 200 })
    const picked = peopleImportPick()
    const input = document.querySelector<HTMLInputElement>('input[data-testid=file-chooser]')!
    expect(input).not.toBeNull()
    Object.defineProperty(input, 'files', { value: [new File(['a'], 'x.csv')] })
    input.dispatchEvent(new Event('change'))
    expect(await picked).toBe('/tmp/x.csv')
    expect(document.querySelector('[data-testid=file-chooser]')).toBeNull()
    click.mockRestore()
  })

  it('full screen is the browser’s', async () => {
    const request = vi.fn(async () => {})
    document.documentElement.requestFullscreen = request
    await setFullscreen(true)
    expect(request).toHaveBeenCalled()
    expect(sent).toHaveLength(0)
  })
})

describe('browser mode import progress', () => {
  it('asks the server how far the import is while it runs, and stops when told', async () => {
    window.history.replaceState(null, '', '/?t=tok#/')
    browserToken()
    vi.useFakeTimers()
    answer = async () => new Response(JSON.stringify({ done: 40, total: 100 }), { status: 200 })
    const seen: number[] = []
    const stop = await onImportProgress((p) => seen.push(p.done))
    await vi.advanceTimersByTimeAsync(PROGRESS_POLL_MS * 2 + 10)
    expect(sent.map((s) => s.url)).toEqual(['/api/import_progress', '/api/import_progress'])
    expect(seen).toEqual([40, 40])
    stop()
    await vi.advanceTimersByTimeAsync(PROGRESS_POLL_MS * 3)
    expect(sent).toHaveLength(2)
    vi.useRealTimers()
  })
})
