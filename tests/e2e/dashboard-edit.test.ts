import { describe, expect, it } from 'vitest'
import { useJourney } from './support/fixture'
import { fillOnboarding } from './support/onboarding-form'

const journey = useJourney()

describe('journey: editing the application afterwards', () => {
  it('changes name and type from the dashboard with the same rules and merge semantics', async () => {
    const { id: userId, page, finish } = await journey.signedIn('editor', { plan: 'pro', onboardingComplete: true, applicationName: '옛 이름', applicationType: '옛 타입' })

    await page.getByRole('button', { name: '수정' }).click()
    expect(await page.locator('#applicationName').inputValue()).toBe('옛 이름')
    await page.locator('#applicationName').fill('x'.repeat(101))
    await page.getByRole('button', { name: '저장' }).click()
    await expect.poll(() => page.locator('#applicationName-error').textContent()).toContain('100자 이하')

    await fillOnboarding(page, { applicationName: '새 이름', applicationType: '새 타입' })
    await page.getByRole('button', { name: '저장' }).click()
    await expect.poll(() => page.getByTestId('application-name').textContent()).toContain('새 이름')
    expect(await page.getByTestId('application-type').textContent()).toContain('새 타입')
    expect(await page.getByText('저장했어요.').isVisible()).toBe(true)

    expect((await journey.clerk.users.getUser(userId)).publicMetadata).toEqual({
      plan: 'pro', onboardingComplete: true, applicationName: '새 이름', applicationType: '새 타입',
    })
    await page.reload()
    await expect.poll(() => page.getByTestId('application-name').textContent()).toContain('새 이름')
    await finish()
  })

  it('takes twenty family emoji as twenty characters and refuses a name of zero-width characters', async () => {
    const { id: userId, page, finish } = await journey.signedIn('emoji', { onboardingComplete: true, applicationName: '옛 이름', applicationType: '옛 타입' })

    const family = '👨‍👩‍👧‍👦'.repeat(20)
    await page.getByRole('button', { name: '수정' }).click()
    await page.locator('#applicationName').fill(family)
    // The input kept every character: nothing cut at a UTF-16 length.
    expect(await page.locator('#applicationName').inputValue()).toBe(family)
    await page.getByRole('button', { name: '저장' }).click()
    await expect.poll(() => page.getByTestId('application-name').textContent()).toContain(family)
    expect((await journey.clerk.users.getUser(userId)).publicMetadata.applicationName).toBe(family)

    let posts = 0
    page.on('request', (request) => {
      if (request.url().endsWith('/api/complete-onboarding')) posts++
    })
    await page.getByRole('button', { name: '수정' }).click()
    await page.locator('#applicationName').fill('\u200B\u200D\u2060\u3164')
    await page.getByRole('button', { name: '저장' }).click()
    await expect.poll(() => page.locator('#applicationName-error').textContent()).toBe('애플리케이션 이름을 입력해 주세요.')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('applicationName')
    expect(posts).toBe(0)
    // The server holds the same line: one schema.
    const res = await page.request.post(`${journey.stack.appUrl}/api/complete-onboarding`, {
      data: { applicationName: '\u200B\u3164', applicationType: '웹' },
      headers: { origin: journey.stack.appUrl },
    })
    expect(res.status()).toBe(400)
    expect((await res.json()).data.fieldCodes).toEqual({ applicationName: 'required' })
    await finish({ allow: [/status of 400/] })
  })
})
