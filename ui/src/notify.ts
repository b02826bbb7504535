import { ElMessage } from 'element-plus'
import { toAppError } from './api'

/** Refusals the screen answers itself (the lock, the sign-in page): no message on top of them. */
const QUIET = new Set(['auth.locked', 'auth.signed_out', 'auth.setup'])

/** Shows a failure as the core worded it. */
export function showError(e: unknown): string {
  const err = toAppError(e)
  if (!QUIET.has(err.code)) ElMessage.error(err.message)
  return err.message
}
