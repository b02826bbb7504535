// Client-side matching of already loaded rows (the check-in list): part of the name, the start
// of the 工号, or pinyin initials ("zs" finds 张三). The initials use the platform's Chinese
// collation (pinyin order); where that is missing only name and 工号 match.

const LETTERS = 'ABCDEFGHJKLMNOPQRSTWXYZ'
// The first character (in pinyin collation order) of each initial above.
const BOUNDARIES = '阿八嚓哒妸发旮哈讥咔垃妈拏噢妑七呥仨它穵夕丫帀'

let collator: Intl.Collator | null | undefined

function getCollator(): Intl.Collator | null {
  if (collator === undefined) {
    try {
      const c = new Intl.Collator('zh-CN-u-co-pinyin')
      // Without Chinese collation data 八 would not sort before 妈.
      collator = c.compare('八', '妈') < 0 && c.compare('妈', '他') < 0 ? c : null
    } catch {
      collator = null
    }
  }
  return collator
}

/** The pinyin initial of one character, lower case; ASCII letters and digits as themselves. */
export function initialOf(ch: string): string {
  if (/^[a-z0-9]$/i.test(ch)) return ch.toLowerCase()
  if (!/[\u4e00-\u9fff]/.test(ch)) return ''
  const c = getCollator()
  if (!c) return ''
  let found = ''
  for (let i = 0; i < BOUNDARIES.length; i++) {
    if (c.compare(ch, BOUNDARIES[i]) >= 0) found = LETTERS[i]
    else break
  }
  return found.toLowerCase()
}

/** "张三" → "zs". */
export function initials(name: string): string {
  return Array.from(name).map(initialOf).join('')
}

export interface Matchable {
  name: string
  employee_no: string | null
}

/** Whether `row` matches what was typed: name part, 工号 start, or pinyin initials start. */
export function matches(row: Matchable, query: string): boolean {
  const q = query.replace(/\s+/g, '').toLowerCase()
  if (!q) return true
  if (row.name.includes(q)) return true
  if (row.employee_no?.toLowerCase().startsWith(q)) return true
  if (/^[a-z]+$/.test(q)) return initials(row.name).startsWith(q)
  return false
}
