// How a backup is described on screen (the list in 设置, the restore's confirmation, the damaged
// start's offer).
import type { BackupInfo } from '../api/authTypes'
import { formatDateTime } from './format'

/** 1.5 MB, 820 KB … */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return ''
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`
}

/** 职工 120 人，活动 35 次，签到记录 860 条 */
export function backupCounts(b: Pick<BackupInfo, 'people' | 'activities' | 'attendance'>): string {
  return `职工 ${b.people} 人，活动 ${b.activities} 次，考勤记录 ${b.attendance} 条`
}

/**
 * The file name of the 恢复前 copy a restore kept: backup_restore answers its BackupInfo (the
 * core's `Restored { from, before }` is taken too), null when there was none.
 */
export function keptCopyName(answer: unknown): string | null {
  if (!answer || typeof answer !== 'object') return null
  const a = answer as { file?: unknown; before?: { file?: unknown } | null }
  if (typeof a.file === 'string') return a.file
  if (a.before && typeof a.before.file === 'string') return a.before.file
  return null
}

/** The lines the restore's confirmation shows. */
export function backupSummary(b: BackupInfo): string[] {
  return [
    `备份时间：${formatDateTime(b.at)}（${b.kind}）`,
    `数据库版本：${b.schema_version}`,
    `内容：${backupCounts(b)}`,
    `文件：${b.file}（${formatSize(b.size_bytes)}）`,
  ]
}
