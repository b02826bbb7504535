// The audit trail (管理员): the actions it names, and one page of it. Its export is export_xlsx
// with `{ kind: 'audit', query }`.
import { call } from './transport'
import type { ActionInfo, AuditPage, AuditQuery } from './authTypes'

export const auditActions = () => call<ActionInfo[]>('audit_actions')
export const auditList = (query: AuditQuery) => call<AuditPage>('audit_list', { query })
