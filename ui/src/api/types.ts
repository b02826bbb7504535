// The types of the UI ↔ core contract. Everything that mirrors a Rust type is generated into
// bindings.ts (ts-rs; see src-tauri/src/contract.rs) and re-exported here under the names the
// screens use; only shapes that exist on the UI side alone are written by hand below.
export * from './bindings'
import type { ApiError } from './bindings'

/** "YYYY-MM-DD" */
export type DateStr = string
/** "YYYY-MM-DDTHH:MM:SS", local time */
export type DateTimeStr = string

/** How every command fails: a stable `code` and a Chinese `message` shown to the user as it is. */
export type AppError = ApiError

/** How a new activity repeats (每周 / 每月): the core's Recurrence. */
export type { Recurrence as Repeat } from './bindings'
