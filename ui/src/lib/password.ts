// The password rule as the core checks it (shown as a hint and checked before sending, so the
// user hears of it at once; the core's answer `auth.weak_password` stays the last word).

export const PASSWORD_RULE = '密码至少 8 个字符，且包含字母、数字、符号中的至少两类'

/** Letters, digits and symbols (anything else but spaces) present in `pw`. */
export function passwordKinds(pw: string): number {
  let letters = false
  let digits = false
  let symbols = false
  for (const ch of pw) {
    if (/[0-9]/.test(ch)) digits = true
    else if (/\p{L}/u.test(ch)) letters = true
    else if (!/\s/.test(ch)) symbols = true
  }
  return Number(letters) + Number(digits) + Number(symbols)
}

/** What is wrong with a new password, or null. */
export function passwordProblem(pw: string): string | null {
  if (!pw) return '请输入密码'
  if (Array.from(pw).length < 8) return '密码太短：' + PASSWORD_RULE
  if (passwordKinds(pw) < 2) return '密码太简单：' + PASSWORD_RULE
  return null
}

/** What is wrong with a new password and its confirmation, or null. */
export function newPasswordProblem(pw: string, again: string): string | null {
  return passwordProblem(pw) ?? (pw !== again ? '两次输入的密码不一致' : null)
}

/** An account name: given (the core checks the rest and says what is wrong). */
export function accountNameProblem(name: string): string | null {
  return name.trim() ? null : '请输入账号名'
}

/** The first-start form (创建管理员账号): the first problem, or null. */
export function setupProblem(name: string, pw: string, again: string): string | null {
  return accountNameProblem(name) ?? newPasswordProblem(pw, again)
}
