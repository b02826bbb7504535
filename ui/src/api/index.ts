// The UI's one way to the handlers: `import * as api from '../api'` (or named imports). One typed
// function per command of src-tauri/API.md, grouped by its sections; the types the commands take
// and return are in ./types; ./transport carries the calls.
export * from './types'
export { isAppError, toAppError } from './transport'
export * from './app'
export * from './units'
export * from './people'
export * from './peopleImport'
export * from './activities'
export * from './records'
export * from './attendance'
export * from './dashboard'
export * from './structure'
export * from './printing'
export * from './settings'
export * from './export'
export * from './meetingImport'
