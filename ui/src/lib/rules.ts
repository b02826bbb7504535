// Form checks done before the core sees the data (the core checks again, with its own messages).

/** Empty is fine (the field is optional); otherwise 17 digits and a digit or X. */
export function idNumberProblem(v: string | null | undefined): string | null {
  const s = (v ?? '').trim()
  if (!s) return null
  if (s.length !== 18) return `身份证号应为 18 位，现为 ${s.length} 位`
  if (!/^\d{17}[\dXx]$/.test(s)) return '身份证号应为 17 位数字加 1 位数字或 X'
  return null
}

/** Mobile (11 digits from 1) or landline with area code (0xxx-xxxxxxx). */
export function phoneProblem(v: string | null | undefined): string | null {
  const s = (v ?? '').trim()
  if (!s) return null
  if (/^1\d{10}$/.test(s)) return null
  if (/^0\d{2,3}-?\d{7,8}$/.test(s)) return null
  return '电话号码格式不对：手机号为 11 位数字，固定电话如 0351-1234567'
}

export function requiredProblem(v: unknown, label: string): string | null {
  if (v === null || v === undefined) return `请填写${label}`
  if (typeof v === 'string' && v.trim() === '') return `请填写${label}`
  return null
}

/** An activity's end must come after its start ("YYYY-MM-DDTHH:MM:SS" compare as text). */
export function timeSpanProblem(start: string | null, end: string | null): string | null {
  if (!start || !end) return null
  return end > start ? null : '结束时间应晚于开始时间'
}

type Validator = (rule: unknown, value: unknown, callback: (e?: Error) => void) => void

/** Turns a check above into an Element Plus form rule. */
export function asRule(check: (v: never) => string | null, trigger = 'blur') {
  const validator: Validator = (_rule, value, callback) => {
    const p = check(value as never)
    if (p) callback(new Error(p))
    else callback()
  }
  return { validator, trigger }
}

export function requiredRule(label: string, trigger = 'blur') {
  return asRule((v: unknown) => requiredProblem(v, label), trigger)
}
