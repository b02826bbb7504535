// Who is signed in, and what their role lets them do: plain state with no calls, so that any
// screen (and the tests' setup) can read it. The auth store (./auth) fills it.
import { computed, ref } from 'vue'
import type { AuthState, DamageInfo, Role, SessionInfo } from './api/authTypes'

/** null until auth_status has answered (App shows nothing else until then). */
export const authState = ref<AuthState | null>(null)
export const session = ref<SessionInfo | null>(null)
export const damage = ref<DamageInfo | null>(null)
/** Why auth_status could not be asked at start (shown instead of the screens). */
export const startError = ref('')

/** edit: the work records (政工干部, 管理员); admin: accounts, audit, settings, backups (管理员). */
export type Ability = 'edit' | 'admin'

export function roleCan(role: Role | null | undefined, what: Ability): boolean {
  if (role === '管理员') return true
  if (role === '政工干部') return what === 'edit'
  return false
}

/** Whether the signed-in account may do `what` (reactive inside a template or computed). */
export function can(what: Ability): boolean {
  return roleCan(session.value?.role, what)
}

export const canEdit = computed(() => can('edit'))
export const canAdmin = computed(() => can('admin'))
