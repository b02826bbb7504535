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

/** The tree without the unit `id` and everything below it. */
export function withoutSubtree(nodes: UnitNode[], id: number): UnitNode[] {
  return nodes.filter((n) => n.id !== id).map((n) => ({ ...n, children: withoutSubtree(n.children, id) }))
}

/** How many units are below `node` (children, their children …). */
export function subUnitCount(node: UnitNode): number {
  return node.children.reduce((sum, c) => sum + 1 + subUnitCount(c), 0)
}

/** What the number beside a unit in the tree means: its staff in post with those of its
 *  sub-units, and (when it has sub-units) how many are in the unit itself. */
export function staffHint(node: UnitNode): string {
  if (!node.children.length) return `在职 ${node.staff_total} 人`
  return `在职 ${node.staff_total} 人（含下级单位），本级 ${node.staff} 人`
}
