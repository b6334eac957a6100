import { createClerkClient } from '@clerk/backend'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import type { EmulatorOptions } from '../../../emulator/src/index.ts'
import { startStack, type Stack } from '../../support/stack'
import { launchChromium, watchedContext, type ContextOptions } from './browser'

export interface FinishOptions {
  /** Console lines a journey expects, e.g. the browser's own log of a 422 from a failed sign-in. */
  allow?: RegExp[]
}

export interface Journey {
  /** Creates a user with PASSWORD and the given public metadata through the Backend API. */
  createUser: (label: string, publicMetadata?: Record<string, unknown>) => Promise<{ id: string, email: string }>
  stack: Stack
  browser: Browser
  clerk: ReturnType<typeof createClerkClient>
  /** A fresh, watched browser context; `finish()` asserts it saw no problems and closes it. */
  open: (options?: ContextOptions) => Promise<{ context: BrowserContext, page: Page, finish: (options?: FinishOptions) => Promise<void> }>
}

/** Starts the built app, an in-memory emulator and Chromium for one test file. */
export function useJourney(options: { emulator?: Partial<EmulatorOptions> } = {}): Journey {
  const journey = {} as Journey
  beforeAll(async () => {
    const [stack, browser] = await Promise.all([startStack({ emulator: options.emulator }), launchChromium()])
    journey.stack = stack
    journey.browser = browser
    journey.clerk = createClerkClient({ secretKey: stack.emulator.keys.secretKey, apiUrl: stack.emulator.env.NUXT_CLERK_API_URL })
    journey.createUser = async (label, publicMetadata = {}) => {
      const email = uniqueEmail(label)
      const user = await journey.clerk.users.createUser({ emailAddress: [email], password: PASSWORD, publicMetadata })
      return { id: user.id, email }
    }
    journey.open = async (contextOptions) => {
      const watched = await watchedContext(browser, contextOptions)
      const page = await watched.page()
      return {
        context: watched.context,
        page,
        finish: async ({ allow = [] }: FinishOptions = {}) => {
          expect(watched.problems().filter(problem => !allow.some(pattern => pattern.test(problem)))).toEqual([])
          await watched.context.close()
        },
      }
    }
  })
  afterAll(async () => {
    await journey.browser?.close()
    await journey.stack?.stop()
  })
  return journey
}

export const ONBOARDED = { onboardingComplete: true, applicationName: '기존 앱', applicationType: '웹' }

let counter = 0
export const uniqueEmail = (label: string) => `${label}-${Date.now()}-${counter++}@example.com`
export const PASSWORD = 'a-long-enough-password-42'
