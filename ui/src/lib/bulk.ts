// 人员档案's bulk actions: naming the checked people in a confirmation, and saying what a batch
// did (the core counts who changed and who already was as asked).
import type { BulkResult, PersonFlag } from '../api'

export const FLAG_LABELS: Record<PersonFlag, string> = {
  political_cadre: '政工干部',
  reserve_talent: '后备人才',
}

/** 张三、李四、王五 — or the first `shown` and how many in all: 张三、李四……等 12 人. */
export function namesPreview(names: string[], shown = 5): string {
  if (names.length <= shown) return names.join('、')
  return `${names.slice(0, shown).join('、')}……等 ${names.length} 人`
}

export type BulkAction =
  | { kind: 'flag'; flag: PersonFlag; on: boolean }
  | { kind: 'move'; unitName: string }
  | { kind: 'leave' }

/** The success message of a batch. */
export function bulkResultMessage(action: BulkAction, r: BulkResult): string {
  let done: string
  let already: string
  switch (action.kind) {
    case 'flag': {
      const label = FLAG_LABELS[action.flag]
      done = action.on ? `已将 ${r.changed} 人设为${label}` : `已取消 ${r.changed} 人的${label}标记`
      already = action.on ? `原已是${label}` : `原本不是${label}`
      break
    }
    case 'move':
      done = `已将 ${r.changed} 人调到“${action.unitName}”`
      already = '原已在该单位'
      break
    case 'leave':
      done = `已为 ${r.changed} 人办理离职`
      already = ''
      break
  }
  if (!r.unchanged) return done
  if (!r.changed) return `选中的 ${r.unchanged} 人${already}，未作改动`
  return `${done}；另有 ${r.unchanged} 人${already}，未改动`
}
