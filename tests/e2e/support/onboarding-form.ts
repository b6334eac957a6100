import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { messages } from '../../../shared/messages'
import { screenshot } from './browser'
import { waitForPath } from './clerk-ui'

/** Types each value into the onboarding form's input of that field (its id is the field's name). */
export async function fillOnboarding(page: Page, values: Record<string, string>): Promise<void> {
  for (const [field, value] of Object.entries(values)) await page.locator(`#${field}`).fill(value)
}

export interface CompleteOptions {
  /** The submit button's name in the page's language. */
  submit?: string
  /** Saves a screenshot of the filled form under this name, once no field message is left on it. */
  shot?: string
}

/** Fills and submits the onboarding form, then waits for the dashboard to show the saved name. */
export async function completeOnboarding(page: Page, values: { applicationName: string, applicationType: string }, { submit = messages.ko.onboarding.submit, shot }: CompleteOptions = {}): Promise<void> {
  await fillOnboarding(page, values)
  if (shot) {
    // Typing takes each field's stale message away: the README's screenshot shows the form as it is.
    expect(await page.locator('[id$=-error]').count()).toBe(0)
    await screenshot(page, shot)
  }
  await page.getByRole('button', { name: submit }).click()
  await waitForPath(page, '/dashboard')
  await expect.poll(() => page.getByTestId('application-name').textContent()).toContain(values.applicationName)
}
