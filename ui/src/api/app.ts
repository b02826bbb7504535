// App: version and database, the code tables, the kiosk's full screen.
import { call } from './transport'
import type { AppInfo, Codes } from './types'

export const appInfo = () => call<AppInfo>('app_info')
export const codes = () => call<Codes>('codes')
export const setFullscreen = (fullscreen: boolean) => call<void>('set_fullscreen', { fullscreen })
