// Exporting lists to Excel: what to tell the user afterwards (pure, unit-tested) and one small
// composable that exports and reports, used by every 导出 button.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import * as api from './api'
import type { Exported, ExportJob } from './api'
import { showError } from './notify'

/** The job with the personal numbers in full (only the staff list has them). */
export function withFullNumbers(job: ExportJob, full: boolean): ExportJob {
  return job.kind === 'people' ? { ...job, full } : job
}

/** What to say after `export_xlsx`; nothing when the save dialog was cancelled. */
export function exportReport(e: Exported | null | undefined): string | null {
  if (!e) return null
  const what = e.sheets.length > 1 ? `，工作表：${e.sheets.join('、')}` : ''
  return `已导出 ${e.path}（${e.rows} 行${what}）`
}

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
