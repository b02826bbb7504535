// 活动记录 card: thumbnails from the list, 添加照片 through the dialog command, printing the record,
// and the pure helpers.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { ActivityFile } from '../api'
import { captionProblem, formatSize, photoLabel, splitFiles } from '../lib/records'

let handler: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined
const calls: [string, Record<string, unknown>][] = []
vi.mock('@tauri-apps/api/core', () => ({
  invoke: async (cmd: string, args: Record<string, unknown>) => {
    calls.push([cmd, args])
    return handler(cmd, args)
  },
}))

import ActivityRecords from '../components/ActivityRecords.vue'

const PIXEL = 'data:image/jpeg;base64,/9j/AA=='
function file(id: number, kind: '照片' | '文件', name: string, extra: Partial<ActivityFile> = {}): ActivityFile {
  return {
    id, uid: `u${id}`, activity_id: 5, kind, name, mime: kind === '照片' ? 'image/jpeg' : 'application/pdf',
    size: 2_400_000, sha256: 'ab'.repeat(32), width: kind === '照片' ? 4000 : null, height: kind === '照片' ? 3000 : null,
    caption: null, created_at: '2026-11-20T11:05:00', thumbnail: kind === '照片' ? PIXEL : null, ...extra,
  }
}

beforeEach(() => {
  calls.length = 0
})

describe('活动记录 helpers', () => {
  it('says sizes as the core does and labels photos by caption, else name', () => {
    expect(formatSize(12)).toBe('12 字节')
    expect(formatSize(850 * 1024)).toBe('850 KB')
    expect(formatSize(20 * 1024 * 1024)).toBe('20.0 MB')
    expect(photoLabel(file(1, '照片', '现场.jpg'))).toBe('现场.jpg')
    expect(photoLabel(file(1, '照片', '现场.jpg', { caption: ' 会场 ' }))).toBe('会场')
    expect(captionProblem('长'.repeat(101))).toBe('照片说明不能超过 100 个字')
    expect(captionProblem('长'.repeat(100))).toBeNull()
    const { photos, others } = splitFiles([file(1, '照片', 'a.jpg'), file(2, '文件', 'b.pdf'), file(3, '照片', 'c.png')])
    expect(photos.map((f) => f.id)).toEqual([1, 3])
    expect(others.map((f) => f.id)).toEqual([2])
  })
})

describe('活动记录 card', () => {
  it('shows thumbnails and files, attaches a photo and prints the record', async () => {
    let files = [file(1, '照片', '现场.jpg', { caption: '座谈会现场' }), file(2, '文件', '签到表扫描件.pdf')]
    handler = (cmd, args) => {
      if (cmd === 'activity_files') return files
      if (cmd === 'activity_file_add') {
        const f = file(3, '照片', '合影.jpg')
        files = [files[0], f, files[1]]
        return args.kind === '照片' ? f : null
      }
      if (cmd === 'print_document') return null
      return null
    }
    const w = mount(ActivityRecords, { props: { activityId: 5 }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(calls[0]).toEqual(['activity_files', { activity_id: 5 }])
    const thumbs = w.findAll('[data-testid=records-thumb]')
    expect(thumbs).toHaveLength(1)
    expect(thumbs[0].attributes('src')).toBe(PIXEL)
    expect(w.get('[data-testid=records-caption]').text()).toBe('座谈会现场')
    expect(w.get('[data-testid=records-file-name]').text()).toBe('签到表扫描件.pdf')
    expect(w.text()).toContain('照片 1 张，附件 1 个')

    await w.get('[data-testid=records-add-photo]').trigger('click')
    await flushPromises()
    expect(calls.find(([c]) => c === 'activity_file_add')?.[1]).toEqual({ activity_id: 5, kind: '照片', caption: null })
    expect(w.findAll('[data-testid=records-thumb]')).toHaveLength(2)

    await w.get('[data-testid=print-activity-record]').trigger('click')
    await flushPromises()
    expect(calls.find(([c]) => c === 'print_document')?.[1].job).toEqual({ kind: 'activity_record', activity_id: 5 })
    w.unmount()
  })

  it('takes nothing new for a cancelled activity and says what to add when empty', async () => {
    handler = (cmd) => (cmd === 'activity_files' ? [] : null)
    const w = mount(ActivityRecords, { props: { activityId: 7, cancelled: true }, global: { plugins: [ElementPlus] } })
    await flushPromises()
    expect(w.get('[data-testid=records-empty]').text()).toContain('单个不超过 20 MB')
    expect(w.get('[data-testid=records-add-photo]').attributes('disabled')).toBeDefined()
    expect(w.get('[data-testid=records-add-file]').attributes('disabled')).toBeDefined()
  })
})
