// Loading where a newer request may overtake an older one (filters changed while the first answer
// was on its way): only the latest answer is taken, only its failure is shown, and `loading` is
// true until it has come.
import { ref } from 'vue'
import { showError } from '../notify'

export function useLatest<T>(fetch: () => Promise<T>, take: (answer: T) => void) {
  const loading = ref(false)
  let requestNo = 0

  async function load() {
    const no = ++requestNo
    loading.value = true
    try {
      const answer = await fetch()
      if (no === requestNo) take(answer)
    } catch (e) {
      if (no === requestNo) showError(e)
    } finally {
      if (no === requestNo) loading.value = false
    }
  }

  return { loading, load }
}
