// The composables: a server-paged list and one form's submit.
import { describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { flushPromises } from '@vue/test-utils'
import type { Page } from '../api'
import { usePagedList } from '../composables/usePagedList'
import { useSubmit } from '../composables/useSubmit'

/** A fetch whose answers the test gives, in any order. */
function deferredFetch() {
  const pending: { offset: number; limit: number; answer: (p: Page<string>) => void }[] = []
  const fetch = vi.fn(
    (offset: number, limit: number) =>
      new Promise<Page<string>>((resolve) => pending.push({ offset, limit, answer: resolve })),
  )
  return { fetch, pending }
}

const page = (offset: number, items: string[], total = 5): Page<string> => ({ total, offset, items })

describe('usePagedList', () => {
  it('loads the page shown, from page 1 again when the filters change', async () => {
    const { fetch, pending } = deferredFetch()
    const scope = effectScope()
    const list = scope.run(() => usePagedList(fetch, 2))!
    list.load()
    expect(list.loading.value).toBe(true)
    pending[0]!.answer(page(0, ['张三', '李四']))
    await flushPromises()
    expect(list.rows.value).toEqual(['张三', '李四'])
    expect(list.total.value).toBe(5)
    expect(list.loading.value).toBe(false)

    list.page.value = 3
    await nextTick()
    expect(fetch).toHaveBeenLastCalledWith(4, 2)
    pending[1]!.answer(page(4, ['王五']))
    await flushPromises()
    expect(list.rows.value).toEqual(['王五'])

    list.reloadFromFirstPage()
    await nextTick()
    expect(list.page.value).toBe(1)
    expect(fetch).toHaveBeenCalledTimes(3)
    expect(fetch).toHaveBeenLastCalledWith(0, 2)
    scope.stop()
  })

  it('drops an answer overtaken by a newer request', async () => {
    const { fetch, pending } = deferredFetch()
    const scope = effectScope()
    const list = scope.run(() => usePagedList(fetch, 2))!
    list.load()
    list.load()
    pending[1]!.answer(page(0, ['新']))
    await flushPromises()
    pending[0]!.answer(page(0, ['旧']))
    await flushPromises()
    expect(list.rows.value).toEqual(['新'])
    expect(list.loading.value).toBe(false)
    scope.stop()
  })

  it('reloads once typing has paused', async () => {
    vi.useFakeTimers()
    try {
      const fetch = vi.fn(async (offset: number) => page(offset, []))
      const scope = effectScope()
      const list = scope.run(() => usePagedList(fetch, 2))!
      list.reloadSoon()
      list.reloadSoon()
      vi.advanceTimersByTime(299)
      expect(fetch).not.toHaveBeenCalled()
      vi.advanceTimersByTime(1)
      expect(fetch).toHaveBeenCalledTimes(1)
      list.reloadSoon()
      scope.stop() // leaving the screen cancels a pending reload
      vi.advanceTimersByTime(300)
      expect(fetch).toHaveBeenCalledTimes(1)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('useSubmit', () => {
  it('is busy while the submit runs and keeps the core message of a failure', async () => {
    const { busy, error, run } = useSubmit()
    let fail!: (e: unknown) => void
    const done = run(() => new Promise<void>((_, reject) => (fail = reject)))
    expect(busy.value).toBe(true)
    expect(await run(async () => {})).toBe(false) // one at a time
    fail({ code: 'invalid', message: '请选择离职日期' })
    expect(await done).toBe(false)
    expect(busy.value).toBe(false)
    expect(error.value).toBe('请选择离职日期')
    expect(await run(async () => {})).toBe(true)
    expect(error.value).toBe('')
    expect(await run(() => '请填写单位名称')).toBe(false)
    expect(error.value).toBe('请填写单位名称')
  })
})
