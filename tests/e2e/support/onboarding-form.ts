import type { Page } from 'playwright-core'
import { waitForPath } from './clerk-ui'

/** Fills and submits the onboarding form, then waits for the dashboard. */
export async function completeOnboarding(page: Page, applicationName: string, applicationType: string): Promise<void> {
  await page.locator('#applicationName').fill(applicationName)
  await page.locator('#applicationType').fill(applicationType)
  await page.getByRole('button', { name: '제출' }).click()
  await waitForPath(page, '/dashboard')
}
