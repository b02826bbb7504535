// Data every screen shares: the code tables (loaded once) and the unit tree (reloaded on change).
import { ref } from 'vue'
import * as api from './api'
import type { Codes, UnitNode } from './api'

export const codes = ref<Codes | null>(null)
let codesLoading: Promise<Codes> | null = null

export function loadCodes(): Promise<Codes> {
  if (codes.value) return Promise.resolve(codes.value)
  if (!codesLoading) {
    codesLoading = api
      .codes()
      .then((c) => {
        codes.value = c
        return c
      })
      .catch((e) => {
        codesLoading = null
        throw e
      })
  }
  return codesLoading
}

export const units = ref<UnitNode[]>([])

export async function reloadUnits(): Promise<UnitNode[]> {
  units.value = await api.unitTree()
  return units.value
}

/** Every node of a tree, depth first. */
export function flattenUnits(nodes: UnitNode[]): UnitNode[] {
  const out: UnitNode[] = []
  const walk = (ns: UnitNode[]) => {
    for (const n of ns) {
      out.push(n)
      walk(n.children)
    }
  }
  walk(nodes)
  return out
}

/** Of a set of checked units, only those whose ancestors are not also checked (a unit already
 *  includes its sub-units when invited). */
export function topmostUnits(nodes: UnitNode[], checked: Set<number>): number[] {
  const out: number[] = []
  const walk = (ns: UnitNode[]) => {
    for (const n of ns) {
      if (checked.has(n.id)) out.push(n.id)
      else walk(n.children)
    }
  }
  walk(nodes)
  return out
}
