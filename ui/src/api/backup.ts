// Backups (管理员): the list, one now, a copy elsewhere, and a restore; and the damaged start's
// restore, which needs a 管理员 of the backup.
import { call } from './transport'
import type { BackupInfo } from './authTypes'

/** Newest first. */
export const backupList = () => call<BackupInfo[]>('backup_list')
export const backupNow = () => call<BackupInfo>('backup_now')
/** 另存到…: the save dialog; the path written, or null when cancelled (browser mode: a download). */
export const backupSave = (file: string) => call<string | null>('backup_save', { file })
/** Replaces the database with the backup; returns the 恢复前 copy of what was replaced. */
export const backupRestore = (file: string) => call<BackupInfo>('backup_restore', { file })
/** Only while the start found the database damaged: a 管理员 of that backup signs for it. */
export const backupRestoreDamaged = (file: string, name: string, password: string) =>
  call<null>('backup_restore_damaged', { file, name, password })
