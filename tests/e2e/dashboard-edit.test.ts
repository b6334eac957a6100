import { describe, expect, it } from 'vitest'
import { signInThroughClerk, waitForPath } from './support/clerk-ui'
import { PASSWORD, useJourney } from './support/fixture'

const journey = useJourney()

describe('journey: editing the application afterwards', () => {
  it('changes name and type from the dashboard with the same rules and merge semantics', async () => {
    const { id: userId, email } = await journey.createUser('editor', { plan: 'pro', onboardingComplete: true, applicationName: '옛 이름', applicationType: '옛 타입' })
    const { page, finish } = await journey.open()
    await page.goto(`${journey.stack.appUrl}/sign-in`)
    await signInThroughClerk(page, email, PASSWORD)
    await waitForPath(page, '/dashboard')

    await page.getByRole('button', { name: '수정' }).click()
    expect(await page.locator('#applicationName').inputValue()).toBe('옛 이름')
    await page.locator('#applicationName').fill('x'.repeat(101))
    await page.getByRole('button', { name: '저장' }).click()
    await expect.poll(() => page.locator('#applicationName-error').textContent()).toContain('100자 이하')

    await page.locator('#applicationName').fill('새 이름')
    await page.locator('#applicationType').fill('새 타입')
    await page.getByRole('button', { name: '저장' }).click()
    await expect.poll(() => page.getByTestId('application-name').textContent()).toContain('새 이름')
    expect(await page.getByTestId('application-type').textContent()).toContain('새 타입')
    expect(await page.getByText('저장되었습니다.').isVisible()).toBe(true)

    expect((await journey.clerk.users.getUser(userId)).publicMetadata).toEqual({
      plan: 'pro', onboardingComplete: true, applicationName: '새 이름', applicationType: '새 타입',
    })
    await page.reload()
    await expect.poll(() => page.getByTestId('application-name').textContent()).toContain('새 이름')
    await finish()
  })
})
