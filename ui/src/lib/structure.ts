// 队伍结构 screen helpers (pure, unit-tested).
import type { Overdue, PyramidRow, Slice, Structure } from '../api'
import { formatDate } from './format'

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


/**
 * What the 工作台's 队伍结构预警 card says when no warning was raised. It never claims "all is
 * well" about a population with nobody in it: with no staff there is nothing to evaluate, and
 * with no 政工干部 marked their team cannot be judged.
 */
export function dashboardNoWarningText(s: Pick<Structure, 'headcount' | 'cadres'>): string {
  if (s.headcount === 0) return '暂无在职人员数据，尚不能分析队伍结构。'
  if (s.cadres === 0) return '全公司的全体职工未触发预警；尚未标记政工干部，政工干部队伍暂无数据。'
  return '全公司的全体职工和政工干部均未触发预警。'
}

/** 张建国（工号 10001）, for confirmations. */
export function personLabel(p: Pick<Overdue, 'name' | 'employee_no'>): string {
  return `${p.name}（工号 ${p.employee_no}）`
}

/** The confirmation before 办理退休 of `people` (one by name, several by count). */
export function retireConfirmText(people: Pick<Overdue, 'name' | 'employee_no' | 'date'>[]): string {
  if (people.length === 1) {
    const p = people[0]!
    return `确定为 ${personLabel(p)}办理退休吗？离职日期记为其法定退休日期 ${formatDate(p.date)}，离职原因为“退休”。`
  }
  return `确定为这 ${people.length} 人办理退休吗？每人的离职日期记为其法定退休日期，离职原因为“退休”。`
}

/**
 * Of the people past their legal retirement date on the statistics date, those past it today:
 * only they can be retired now (a statistics date in the future lists people still before it).
 */
export function dueBy<T extends Pick<Overdue, 'date'>>(people: T[], today: string): T[] {
  return people.filter((p) => p.date <= today)
}
