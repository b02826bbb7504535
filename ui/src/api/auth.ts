// Accounts and sessions: the start's state, sign-in, the idle lock, and the 管理员's accounts.
import { call } from './transport'
import type { Account, AuthStatus, Role, SessionInfo } from './authTypes'

export const authStatus = () => call<AuthStatus>('auth_status')
/** First start only (no account yet): creates the 管理员 and signs in. */
export const authSetup = (name: string, password: string) => call<SessionInfo>('auth_setup', { name, password })
export const authSignIn = (name: string, password: string) => call<SessionInfo>('auth_sign_in', { name, password })
/** The locked session's password again. */
export const authUnlock = (password: string) => call<SessionInfo>('auth_unlock', { password })
/** The user is active: the server's idle clock starts again (at most once a minute). */
export const authTouch = () => call<null>('auth_touch')
/** The UI's own idle timer ran out: the server locks the session now too. */
export const authLock = () => call<null>('auth_lock')
export const authSignOut = () => call<null>('auth_sign_out')
export const authChangePassword = (old_password: string, new_password: string) =>
  call<null>('auth_change_password', { old_password, new_password })

export const accountList = () => call<Account[]>('account_list')
export const accountAdd = (name: string, role: Role, password: string) => call<Account>('account_add', { name, role, password })
export const accountSetRole = (id: number, role: Role) => call<Account>('account_set_role', { id, role })
/** Links the account to the person it stands for (null: unlinks). */
export const accountSetPerson = (id: number, person_id: number | null) => call<Account>('account_set_person', { id, person_id })
export const accountSetPassword = (id: number, password: string) => call<null>('account_set_password', { id, password })
export const accountSetDisabled = (id: number, disabled: boolean) => call<Account>('account_set_disabled', { id, disabled })
