// The UI tests run as in the desktop window (Tauri's IPC present, `invoke` mocked per test);
// tests of browser mode remove it (src/__tests__/browserMode.test.ts).
;(window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {}

// Screens are mounted as a 管理员 would see them (every button there); tests of the other roles
// set `session` themselves (src/__tests__/auth.test.ts).
import { authState, session } from '../session'
authState.value = 'signed_in'
session.value = { token: '', account: 'admin', role: '管理员', idle_minutes: 15 }
