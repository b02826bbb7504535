// Exporting lists to Excel: the job as sent and what to tell the user afterwards.
import type { Exported, ExportJob } from '../api'

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
