// Browser mode (`qungong serve`): the same calls go to POST /api/<command> with the token the
// page was opened with; failures arrive as the same {code, message}.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { call, browserToken, heartbeat, isDesktop, quitServer } from '../api/transport'
import { unitTree } from '../api'

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
