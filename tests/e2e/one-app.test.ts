import type { Locator } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { screenshot } from './support/browser'
import { useJourney } from './support/fixture'

const journey = useJourney()

/** A CSS colour as the screen paints it, [r, g, b, a]: relative-colour and var() spellings compare equal. */
async function painted(locator: Locator, property: 'backgroundColor' | 'color'): Promise<number[]> {
  return locator.evaluate((element, name) => {
    const canvas = document.createElement('canvas')
    canvas.width = canvas.height = 1
    const context = canvas.getContext('2d')!
    context.fillStyle = getComputedStyle(element)[name]
    context.fillRect(0, 0, 1, 1)
    return [...context.getImageData(0, 0, 1, 1).data]
  }, property)
}

describe('one app: Clerk\'s screens and ours share the design tokens', () => {
  it.each(['light', 'dark'] as const)('Clerk\'s primary button and card have our colours in %s mode', async (colorScheme) => {
    const { page, finish } = await journey.open({ colorScheme })
    await page.goto(`${journey.stack.appUrl}/sign-in`)
    const clerkButton = page.locator('.cl-formButtonPrimary')
    await clerkButton.waitFor()
    const ourButton = page.locator('header a[href="/sign-up"]')
    expect(await painted(clerkButton, 'backgroundColor')).toEqual(await painted(ourButton, 'backgroundColor'))
    expect(await painted(clerkButton, 'color')).toEqual(await painted(ourButton, 'color'))
    expect(await painted(page.locator('.cl-card'), 'backgroundColor')).toEqual(await painted(page.locator('header'), 'backgroundColor'))
    await screenshot(page, `sign-in-${colorScheme}`)
    await finish()
  })
})

describe('one app: the language is right from the first byte', () => {
  it.each([['en', 'en-US,en;q=0.9'], ['ko', 'ko-KR,ko;q=0.9'], ['ko', 'fr-FR']])('marks %s selected in the server\'s HTML for Accept-Language %s', async (chosen, acceptLanguage) => {
    const html = await (await fetch(`${journey.stack.appUrl}/`, { headers: { 'accept-language': acceptLanguage } })).text()
    const selected = [...html.matchAll(/<option\b[^>]*>/g)].map(match => match[0]).filter(tag => /\sselected(?=[\s>=])/.test(tag))
    expect(selected).toHaveLength(1)
    expect(selected[0]).toContain(`value="${chosen}"`)
  })
})
