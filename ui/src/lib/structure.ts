// 队伍结构 screen helpers (pure, unit-tested).
import type { PyramidRow, Slice } from '../api'

const DIMENSION_NAMES: Record<string, string> = {
  education: '学历',
  professional_title: '职称',
  skill_level: '技能等级',
  political_status: '政治面貌',
}

/** The people dialog's title for a clicked bar: "46–50岁 · 男", "学历 · 本科", "5 年内退休". */
export function sliceTitle(slice: Slice, pyramid: PyramidRow[]): string {
  switch (slice.dimension) {
    case 'age': {
      const label = pyramid[slice.bracket]?.label ?? '年龄段'
      return slice.gender ? `${label} · ${slice.gender}` : label
    }
    case 'retiring_within':
      return `${slice.years} 年内达到法定退休年龄`
    default:
      return `${DIMENSION_NAMES[slice.dimension]} · ${slice.label}`
  }
}

/** "30, 35，40" → [30, 35, 40]; null when not whole ascending ages from 16 to 80. */
export function parseBrackets(text: string): number[] | null {
  const parts = text
    .replace(/[，、；;\s]+/g, ',')
    .split(',')
    .filter((p) => p !== '')
  if (parts.length === 0 || parts.length > 12) return null
  const out: number[] = []
  for (const p of parts) {
    if (!/^\d+$/.test(p)) return null
    const n = Number(p)
    if (n < 16 || n > 80) return null
    if (out.length && n <= out[out.length - 1]!) return null
    out.push(n)
  }
  return out
}

/** The bracket labels the core will draw for `upper` bounds: 30岁及以下, 31–35岁, …, 56岁及以上. */
export function bracketLabels(upper: number[]): string[] {
  const labels: string[] = []
  let low = 0
  upper.forEach((u, i) => {
    labels.push(i === 0 ? `${u}岁及以下` : `${low}–${u}岁`)
    low = u + 1
  })
  labels.push(`${low}岁及以上`)
  return labels
}
