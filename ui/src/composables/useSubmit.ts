// One form's submit: busy while it runs, and the message to show in the form when it fails (the
// core's own words, which also appear as a toast).
import { ref, type Ref } from 'vue'
import { showError } from '../notify'

/** What a submit function may return: a problem found before anything was sent (shown in the
 *  form, without a toast), or nothing. */
export type SubmitResult = string | null | undefined | void

/** `error` may be the caller's own ref (to show other failures, such as loading, in the same place). */
export function useSubmit(error: Ref<string> = ref('')) {
  const busy = ref(false)

  /** Runs `submit` unless one is already running; true when it neither failed nor found a problem. */
  async function run(submit: () => Promise<SubmitResult> | SubmitResult): Promise<boolean> {
    if (busy.value) return false
    error.value = ''
    busy.value = true
    try {
      const problem = await submit()
      if (problem) {
        error.value = problem
        return false
      }
      return true
    } catch (e) {
      error.value = showError(e)
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, error, run }
}
