// FormDialog: the error, busy and button boilerplate every form dialog shares.
import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import FormDialog from '../components/FormDialog.vue'

const button = () => document.querySelector('[data-testid=unit-save]') as HTMLButtonElement
const error = () => document.querySelector('[data-testid=form-error]')

function mountDialog(submit: () => unknown, slot = '<p>表单</p>') {
  const w = mount(FormDialog, {
    props: {
      modelValue: true,
      'onUpdate:modelValue': (v: boolean) => w.setProps({ modelValue: v }),
      title: '新增单位',
      width: '440px',
      submit: submit as () => Promise<void>,
      submitTestid: 'unit-save',
    },
    slots: { default: slot },
    global: { plugins: [ElementPlus] },
    attachTo: document.body,
  })
  return w
}

describe('FormDialog', () => {
  it('disables the button while submitting and shows the message of a rejected AppError', async () => {
    let fail!: (e: unknown) => void
    const submit = vi.fn(() => new Promise<void>((_, reject) => (fail = reject)))
    const w = mountDialog(submit)
    await flushPromises()
    expect(button().textContent).toContain('保存')
    expect(document.body.textContent).toContain('取消')
    expect(error()).toBeNull()

    button().click()
    await flushPromises()
    expect(submit).toHaveBeenCalledTimes(1)
    expect(button().disabled).toBe(true)
    // Enter pressed again while the first submit runs sends nothing.
    await (w.vm as unknown as { submit: () => Promise<boolean> }).submit()
    expect(submit).toHaveBeenCalledTimes(1)

    fail({ code: 'unit.exists', message: '已有同名单位“城关供电所”' })
    await flushPromises()
    expect(button().disabled).toBe(false)
    expect(error()?.textContent).toContain('已有同名单位“城关供电所”')
    w.unmount()
  })

  it('shows a problem found before sending, and starts clean when opened again', async () => {
    const submit = vi.fn(async () => '请填写单位名称')
    const w = mountDialog(submit)
    await flushPromises()
    button().click()
    await flushPromises()
    expect(error()?.textContent).toContain('请填写单位名称')

    await w.setProps({ modelValue: false })
    await w.setProps({ modelValue: true })
    await flushPromises()
    expect(error()).toBeNull()
    w.unmount()
  })

  it('gives its content the submit, for forms that submit on Enter', async () => {
    const submit = vi.fn(async () => {})
    const w = mountDialog(
      submit,
      '<template #default="{ submit }"><input data-testid="unit-name" @keyup.enter="submit" /></template>',
    )
    await flushPromises()
    const input = document.querySelector('[data-testid=unit-name]') as HTMLInputElement
    input.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }))
    await flushPromises()
    expect(submit).toHaveBeenCalledTimes(1)
    expect(error()).toBeNull()
    w.unmount()
  })
})
