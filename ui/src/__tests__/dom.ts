// What the screen tests of 考核评价 share: finding what the user sees, typing, picking an option,
// letting the IPC answers and Vue's updates settle, and the accounts they sign in as.
import { flushPromises } from '@vue/test-utils'

export const ADMIN = { token: '', account: 'admin', role: '管理员' as const, idle_minutes: 15 }
export const VIEWER = { token: '', account: 'guest', role: '查看' as const, idle_minutes: 15 }

// Element Plus renders each table column's slot once more with an empty row inside a hidden
// `.hidden-columns` div: only what the user sees counts.
export const all = (testid: string) =>
  (Array.from(document.querySelectorAll(`[data-testid=${testid}]`)) as HTMLElement[]).filter((e) => !e.closest('.hidden-columns'))
export const q = (testid: string): HTMLElement | null => all(testid)[0] ?? null
/** The last of a list (es2021 has no Array.prototype.at). */
export const last = <T>(a: T[]): T | undefined => a[a.length - 1]
export function inputOf(el: HTMLElement): HTMLInputElement {
  return (el.matches('input, textarea') ? el : el.querySelector('input, textarea')) as HTMLInputElement
}
export function type(el: HTMLElement, value: string) {
  const input = inputOf(el)
  input.value = value
  input.dispatchEvent(new Event('input'))
  input.dispatchEvent(new Event('change'))
}
/** Clicks the option of a select (Element Plus renders them in a popper on the body). */
export function pickOption(label: string) {
  const item = Array.from(document.querySelectorAll('.el-select-dropdown__item')).find((e) => e.textContent?.trim() === label)
  if (!item) throw new Error(`no option ${label}`)
  ;(item as HTMLElement).click()
}
export async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 0))
  await flushPromises()
}
