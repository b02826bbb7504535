// The unit tree as the core sends it (UnitNode[]): walking it, finding a unit, and which checked
// units to send when inviting.
import type { UnitNode } from '../api'

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

/** The node with `id`, or null when the tree no longer has it. */
export function findUnit(nodes: UnitNode[], id: number): UnitNode | null {
  for (const n of nodes) {
    if (n.id === id) return n
    const c = findUnit(n.children, id)
    if (c) return c
  }
  return null
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
