// Exports and reports, for every 导出 button.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import * as api from '../api'
import type { Exported, ExportJob } from '../api'
import { exportReport } from '../lib/exporting'
import { showError } from '../notify'

/** Exports and reports. `busy` is true while one export is under way. */
export function useExporter() {
  const busy = ref(false)

  /** The result, null when cancelled, undefined when it failed (the error has been shown). */
  async function run(job: ExportJob): Promise<Exported | null | undefined> {
    if (busy.value) return undefined
    busy.value = true
    try {
      const e = await api.exportXlsx(job)
      const message = exportReport(e)
      if (message) ElMessage({ type: 'success', message, showClose: true, duration: 5000 })
      return e
    } catch (e) {
      showError(e)
      return undefined
    } finally {
      busy.value = false
    }
  }

  return { busy, run }
}
