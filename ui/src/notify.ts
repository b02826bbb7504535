import { ElMessage } from 'element-plus'
import { toAppError } from './api'

/** Shows a failure as the core worded it. */
export function showError(e: unknown): string {
  const err = toAppError(e)
  ElMessage.error(err.message)
  return err.message
}
