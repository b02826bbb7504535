// The UI tests run as in the desktop window (Tauri's IPC present, `invoke` mocked per test);
// tests of browser mode remove it (src/__tests__/browserMode.test.ts).
;(window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {}
