// Staff import (导入花名册): pick the file, read its header, preview, commit. The preview and the
// commit report progress through the event `people_import_progress` (ImportProgress).
import { call } from './transport'
import type { ImportMapping, ImportOptions, ImportPreview, ImportSheet } from './types'

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
