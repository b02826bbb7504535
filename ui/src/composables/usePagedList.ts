// A list paged on the server (offset / limit): the page shown, the total, the loading state, and
// reloads that drop an answer overtaken by a newer request (typing in a search box).
import { getCurrentScope, onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { Page } from '../api'
import { offsetOf } from '../lib/paging'
import { useLatest } from './useLatest'

export function usePagedList<T>(fetchPage: (offset: number, limit: number) => Promise<Page<T>>, pageSize: number) {
  const page = ref(1)
  const total = ref(0)
  const rows = shallowRef<T[]>([])
  const { loading, load } = useLatest(
    () => fetchPage(offsetOf(page.value, pageSize), pageSize),
    (res) => {
      rows.value = res.items
      total.value = res.total
    },
  )

  /** After the filters changed: back to page 1 (its watcher loads), or load page 1 again. */
  function reloadFromFirstPage() {
    if (page.value !== 1) page.value = 1
    else load()
  }

  let debounce: ReturnType<typeof setTimeout> | undefined
  /** The same, once typing has paused for `ms`. */
  function reloadSoon(ms = 300) {
    clearTimeout(debounce)
    debounce = setTimeout(reloadFromFirstPage, ms)
  }

  watch(page, load)
  if (getCurrentScope()) onScopeDispose(() => clearTimeout(debounce))

  return { page, total, rows, loading, pageSize, load, reloadFromFirstPage, reloadSoon }
}
