// Staff import (导入花名册): pick the file, read its header, preview, commit. The preview and the
// commit report progress (ImportProgress): in the desktop window as the event
// `people_import_progress`, in browser mode through the server's `import_progress`, asked for
// while they run.
import { listen } from '@tauri-apps/api/event'
import { call, importProgress, isDesktop } from './transport'
import type { ImportMapping, ImportOptions, ImportPreview, ImportProgress, ImportSheet } from './types'

/** Browser mode asks for the progress this often while an import runs. */
export const PROGRESS_POLL_MS = 300

/** Calls `report` with the import's progress until the returned function is called. */
export async function onImportProgress(report: (p: ImportProgress) => void): Promise<() => void> {
  if (isDesktop()) return listen<ImportProgress>('people_import_progress', (e) => report(e.payload))
  const timer = setInterval(() => {
    importProgress()
      .then((p) => {
        if (p) report(p)
      })
      .catch(() => {})
  }, PROGRESS_POLL_MS)
  return () => clearInterval(timer)
}

/** Native open dialog for a roster file; null when cancelled. */
export const peopleImportPick = () => call<string | null>('people_import_pick')
export const peopleImportOpen = (path: string) => call<ImportSheet>('people_import_open', { path })
export const peopleImportMapping = (path: string, header_row: number) =>
  call<ImportMapping>('people_import_mapping', { path, header_row })
/** A dry run: nothing is written. */
export const peopleImportPreview = (path: string, options: ImportOptions) =>
  call<ImportPreview>('people_import_preview', { path, options })
export const peopleImportCommit = (path: string, options: ImportOptions) =>
  call<ImportPreview>('people_import_commit', { path, options })
