// 导入线上签到: a meeting's participant export matched against an activity's invitees.
import { call } from './transport'
import type { ManualMatch, MeetingApplied, MeetingPreview } from './types'

/** Native open dialog for a meeting's participant export; null when cancelled. */
export const meetingImportPick = () => call<string | null>('meeting_import_pick')
/** Nothing is written. */
export const meetingImportPreview = (activity_id: number, path: string) =>
  call<MeetingPreview>('meeting_import_preview', { activity_id, path })
/** Every matched participant and the rows matched by hand checked in, in one transaction. */
export const meetingImportApply = (activity_id: number, path: string, manual: ManualMatch[]) =>
  call<MeetingApplied>('meeting_import_apply', { activity_id, path, manual })
/** Only the rows matched by hand. */
export const meetingImportMatch = (activity_id: number, path: string, manual: ManualMatch[]) =>
  call<MeetingApplied>('meeting_import_match', { activity_id, path, manual })
