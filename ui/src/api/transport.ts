// How the UI reaches the handlers. Today the one transport is Tauri IPC (`invoke`); a second one
// (HTTP `POST /api/<command>` for the browser mode) belongs in this file and nowhere else. Every
// failure, whatever the transport, reaches the caller as an AppError whose Chinese message is
// shown to the user as it is.
import { invoke } from '@tauri-apps/api/core'
import type { AppError } from './types'

export type { AppError }

export function isAppError(e: unknown): e is AppError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as AppError).code === 'string' &&
    typeof (e as AppError).message === 'string'
  )
}

/** A Tauri rejection is already `{code, message}`; anything else becomes code `internal`. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return { code: e.code, message: e.message }
  return { code: 'internal', message: '操作失败：' + String(e) }
}

/**
 * Runs one command of src-tauri/API.md. Callers pass the command name as a string literal (one
 * command per call site): a test reads the names from the api/ files and compares them with the
 * registered handlers. Arguments are snake_case exactly as the handlers expect them.
 */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw toAppError(e)
  }
}
