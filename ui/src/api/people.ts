// Staff: the list, one record, and the writes (new, edit, leave, back in post).
import { call } from './transport'
import type { DateStr, Page, Person, PersonFilter, PersonInput } from './types'

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
