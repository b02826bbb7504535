// Excel export of any list.
import { call } from './transport'
import type { Exported, ExportJob } from './types'

/** Makes the .xlsx, asks where to save it and writes it; null when the user cancelled. */
export const exportXlsx = (job: ExportJob) => call<Exported | null>('export_xlsx', { job })
