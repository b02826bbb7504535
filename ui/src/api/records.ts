// 活动记录: the photos and files attached to an activity (kept in the database; see
// src/records/mod.rs). Pictures arrive as data: URLs — thumbnails in the list, the original on
// demand.
import { call } from './transport'
import type { ActivityFile, AttachmentKind } from './types'

/** Photos first, then files; pictures with `thumbnail`. */
export const activityFiles = (activityId: number) =>
  call<ActivityFile[]>('activity_files', { activity_id: activityId })
/** Opens the native file dialog and attaches the chosen file; null when cancelled. */
export const activityFileAdd = (activityId: number, kind: AttachmentKind, caption: string | null = null) =>
  call<ActivityFile | null>('activity_file_add', { activity_id: activityId, kind, caption })
export const activityFileCaption = (id: number, caption: string) =>
  call<ActivityFile>('activity_file_caption', { id, caption })
export const activityFileRemove = (id: number) => call<void>('activity_file_remove', { id })
/** The original picture as a data: URL (full size). */
export const activityFileView = (id: number) => call<string>('activity_file_view', { id })
/** Save dialog, then the original byte for byte; the path, or null when cancelled. */
export const activityFileSave = (id: number) => call<string | null>('activity_file_save', { id })
/** Opens a copy with the system's program. */
export const activityFileOpen = (id: number) => call<void>('activity_file_open', { id })
