// 活动记录: the pure parts of the photos-and-files card.
import type { ActivityFile } from '../api'

/** "3.2 MB", "850 KB", "12 字节" — as the core and the printed record say it. */
export function formatSize(bytes: number): string {
  const MB = 1024 * 1024
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`
  if (bytes >= 1024) return `${Math.ceil(bytes / 1024)} KB`
  return `${bytes} 字节`
}

/** Photos (in the order added) and the other files. */
export function splitFiles(files: ActivityFile[]): { photos: ActivityFile[]; others: ActivityFile[] } {
  return {
    photos: files.filter((f) => f.kind === '照片'),
    others: files.filter((f) => f.kind === '文件'),
  }
}

/** What a photo's tile says under it: its caption, else its file name. */
export function photoLabel(f: ActivityFile): string {
  return f.caption?.trim() || f.name
}

/** The check the caption prompt runs before sending (the core checks it again). */
export function captionProblem(text: string): string | null {
  return text.trim().length > 100 ? '照片说明不能超过 100 个字' : null
}
