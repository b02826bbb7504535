// The 签到 page's one set of status buttons: which a row offers, what each is called and what it
// does (the tooltip), from the row's status and the activity's check-in window as the core sent
// it. The rules themselves live in the core; this only decides what to show.
import type { CheckIn, CheckInWindow, SheetRow } from '../api'
import { formatDateTime, formatTime } from './format'

export type RowActionKey = 'checkin' | 'backfill' | 'present' | 'late' | 'leave' | 'absent' | 'clear'

export interface RowAction {
  key: RowActionKey
  label: string
  /** What it does, for the tooltip. */
  hint: string
  disabled: boolean
  testid: string
  primary?: boolean
}

type Row = Pick<SheetRow, 'status' | 'invited'>
type Window = Pick<CheckInWindow, 'phase' | 'started' | 'notice'>

const attended = (s: string | null) => s === '出席' || s === '迟到'

/** The buttons of one row, in display order. */
export function rowActions(row: Row, w: Window | null | undefined, graceMinutes: number): RowAction[] {
  const phase = w?.phase ?? 'open'
  const started = w?.started ?? true
  const out: RowAction[] = []
  if (attended(row.status)) {
    const to = row.status === '出席' ? '迟到' : '出席'
    out.push({
      key: to === '出席' ? 'present' : 'late',
      label: `改为${to}`,
      hint: `更正为${to}，签到时间不变`,
      disabled: false,
      testid: to === '出席' ? 'row-present' : 'row-late',
    })
  } else if (phase === 'closed') {
    out.push({
      key: 'backfill',
      label: '补录…',
      hint: '活动当天已过：按纸质签到表登记当时的签到时间（默认为活动开始时间）',
      disabled: false,
      testid: 'row-backfill',
      primary: true,
    })
  } else {
    out.push({
      key: 'checkin',
      label: '签到',
      hint:
        phase === 'before'
          ? (w?.notice ?? '还不能签到')
          : `按现在的时间签到：开始后 ${graceMinutes} 分钟内记为出席，之后记为迟到`,
      disabled: phase === 'before',
      testid: 'row-checkin',
      primary: true,
    })
  }
  if (row.invited) {
    out.push({
      key: 'leave',
      label: '请假…',
      hint: '登记请假并填写事由（活动前也可登记）；请假不计入出勤率',
      disabled: false,
      testid: 'row-leave',
    })
    out.push({
      key: 'absent',
      label: '缺席',
      hint: started ? '确认此人没有到场' : '活动开始后才能记为缺席',
      disabled: !started || row.status === '缺席',
      testid: 'row-absent',
    })
  }
  out.push({
    key: 'clear',
    label: '撤销',
    hint: '撤销已登记的状态，改回未签到',
    disabled: !row.status,
    testid: 'row-clear',
  })
  return out
}

/** The short legend under the list: every word the page uses, once. */
export function legend(graceMinutes: number, openMinutes: number): string[] {
  return [
    `签到：按现在的时间记录，开始前 ${openMinutes} 分钟起到活动当天结束可用；开始后 ${graceMinutes} 分钟内为出席，之后为迟到`,
    '补录：活动开始后，按纸质签到表登记当时的签到时间',
    '请假：须填事由，不计入出勤率；缺席：活动开始后确认未到',
    '未签到：还可能来；活动当天结束后仍未签到的记为缺席',
  ]
}

/** The toast after a 补录. */
export function backfillMessage(c: CheckIn): string {
  if (c.result === 'already') {
    const at = formatTime(c.at)
    return at ? `${c.name} 已于 ${at} 签到，不重复计数` : `${c.name} 已签到，不重复计数`
  }
  return `已补录 ${c.name}：${c.status}，${formatDateTime(c.at)}`
}
