// Prints and reports, for every print button.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import * as api from '../api'
import type { PrintChoices, PrintJob, Printed } from '../api'
import { printReport } from '../lib/printing'
import { showError } from '../notify'

/** Prints and reports. `busy` is the kind of job under way (for the buttons' loading state). */
export function usePrinter() {
  const busy = ref<PrintJob['kind'] | null>(null)

  /** The result, null when cancelled, undefined when it failed (the error has been shown). */
  async function print(job: PrintJob, choices: PrintChoices): Promise<Printed | null | undefined> {
    if (busy.value) return undefined
    busy.value = job.kind
    try {
      const p = await api.printDocument(job, choices)
      for (const r of printReport(p)) {
        ElMessage({ type: r.type, message: r.message, showClose: true, duration: r.type === 'success' ? 4000 : 10000 })
      }
      return p
    } catch (e) {
      showError(e)
      return undefined
    } finally {
      busy.value = null
    }
  }

  return { busy, print }
}
