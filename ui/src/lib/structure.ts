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

