// Settings: stored values by key, and the print font's file picker.
import { call } from './transport'

/** The setting keys the UI reads and writes. */
export type SettingKey =
  | 'pdf_font'
  | 'checkin_open_minutes'
  | 'attendance_low_rate'
  | 'attendance_absence_run'
  | 'security.idle_minutes'
  | 'backup.dir'
  | 'voice.report_hours'
  | 'voice.holidays'

export const settingGet = (key: SettingKey) => call<string | null>('setting_get', { key })
/** An empty value clears the setting. */
export const settingSet = (key: SettingKey, value: string) => call<null>('setting_set', { key, value })
/** Native open dialog for .ttf/.otf/.ttc; null when cancelled. */
export const pickFontFile = () => call<string | null>('pick_font_file')
