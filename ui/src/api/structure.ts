// 队伍结构: the analysis, the people behind a chart bar, and the brackets / warning thresholds.
import { call } from './transport'
import type { Analysis, BracketsPreview, DateStr, MemberRow, OverdueList, Population, Slice, StructureConfig } from './types'

export const structure = (unit_id: number | null, population: Population, as_of: DateStr | null, years: number | null = null) =>
  call<Analysis>('structure', { unit_id, population, as_of, years })
/** Oldest first. */
export const structureMembers = (unit_id: number | null, population: Population, as_of: DateStr | null, slice: Slice | null) =>
  call<MemberRow[]>('structure_members', { unit_id, population, as_of, slice })
/** In post today past the legal retirement date, longest overdue first (everyone when unit_id is null). */
export const retirementOverdue = (unit_id: number | null) => call<OverdueList>('retirement_overdue', { unit_id })
export const structureConfigGet = () => call<StructureConfig>('structure_config_get')
/** All values are checked before any is saved. */
export const structureConfigSet = (config: StructureConfig) => call<null>('structure_config_set', { config })

export const structureBracketsPreview = (text: string) =>
  call<BracketsPreview>('structure_brackets_preview', { text })
