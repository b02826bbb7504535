// Units: the unit tree and its edits.
import { call } from './transport'
import type { Unit, UnitNode } from './types'

export const unitTree = () => call<UnitNode[]>('unit_tree')
export const unitAdd = (name: string, kind: string | null, parent_id: number | null) =>
  call<Unit>('unit_add', { name, kind, parent_id })
export const unitRename = (id: number, name: string) => call<Unit>('unit_rename', { id, name })
export const unitMove = (id: number, parent_id: number | null) => call<Unit>('unit_move', { id, parent_id })
export const unitDelete = (id: number) => call<void>('unit_delete', { id })
