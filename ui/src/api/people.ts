// Staff: the list, one record, and the writes (new, edit, leave, back in post).
import { call } from './transport'
import type { BulkResult, DateStr, Overdue, Page, Person, PersonFilter, PersonFlag, PersonInput } from './types'

/** ID and phone numbers come masked. */
export const personList = (filter: PersonFilter, offset: number, limit: number) =>
  call<Page<Person>>('person_list', { filter, offset, limit })
/** Masked unless `full` (fetch it full before editing, so masked numbers are not saved). */
export const personGet = (id: number, full: boolean) => call<Person>('person_get', { id, full })
export const personAdd = (input: PersonInput) => call<Person>('person_add', { input })
export const personUpdate = (id: number, input: PersonInput) => call<Person>('person_update', { id, input })
export const personLeave = (id: number, date: DateStr, reason: string | null) =>
  call<Person>('person_leave', { id, date, reason })
export const personReinstate = (id: number) => call<Person>('person_reinstate', { id })
/** 办理退休: each one's 离职 on the legal retirement date (reason 退休), all or nothing. */
export const personRetire = (person_ids: number[]) => call<Overdue[]>('person_retire', { person_ids })
/** 批量: 设为 / 取消 政工干部 or 后备人才, 调动, 离职 for many people; all or nothing. */
export const personBulkFlag = (person_ids: number[], flag: PersonFlag, on: boolean) =>
  call<BulkResult>('person_bulk_flag', { person_ids, flag, on })
export const personBulkMove = (person_ids: number[], unit_id: number) =>
  call<BulkResult>('person_bulk_move', { person_ids, unit_id })
export const personBulkLeave = (person_ids: number[], date: DateStr, reason: string | null) =>
  call<BulkResult>('person_bulk_leave', { person_ids, date, reason })
