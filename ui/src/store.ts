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
