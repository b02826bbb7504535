// 工作台: everything the start page shows, in one call.
import { call } from './transport'
import type { Dashboard } from './types'

export const dashboard = () => call<Dashboard>('dashboard')
