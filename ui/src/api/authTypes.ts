// Accounts, roles, the audit trail and backups (issue 14): the Rust types (./bindings, made by
// ts-rs) under the names the screens use.
export type {
  Account,
  ActionInfo,
  AuditChange,
  AuditField,
  AuditPage,
  AuditQuery,
  AuditRow,
  AuthStatus,
  BackupInfo,
  BackupKind,
  DamageInfo,
  Restored,
  Role,
  SessionInfo,
} from './bindings'
import type { AuthStatus } from './bindings'

/** What the UI shows first (AuthStatus.state). */
export type AuthState = AuthStatus['state']
