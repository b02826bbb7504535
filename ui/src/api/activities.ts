// Activities: list, one activity, new (or a series), edit, cancel, 小结.
import { call } from './transport'
import type { Activity, ActivityFilter, ActivityInput, Page, Repeat } from './types'

/** Newest first. */
export const activityList = (filter: ActivityFilter, offset: number, limit: number) =>
  call<Page<Activity>>('activity_list', { filter, offset, limit })
export const activityGet = (id: number) => call<Activity>('activity_get', { id })
/** The ids of the new activities (several for a series). */
export const activityAdd = (input: ActivityInput, repeat: Repeat | null, count: number | null) =>
  call<number[]>('activity_add', { input, repeat, count })
/** How many activities changed. */
export const activityUpdate = (id: number, input: ActivityInput, series: boolean) =>
  call<number>('activity_update', { id, input, series })
export const activityCancel = (id: number, series: boolean) => call<number>('activity_cancel', { id, series })
export const activitySummary = (id: number, summary: string) => call<Activity>('activity_summary', { id, summary })
