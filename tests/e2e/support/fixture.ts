import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import type { EmulatorOptions } from '../../../emulator/src/index.ts'
import { useStack, type StackFixture } from '../../support/stack'
import { launchChromium, watchedContext, type ContextOptions } from './browser'
import { signInThroughClerk, waitForPath } from './clerk-ui'

export interface FinishOptions {
  /** Console lines a journey expects, e.g. the browser's own log of a 422 from a failed sign-in. */
  allow?: RegExp[]
}

export interface Opened {
  context: BrowserContext
  page: Page
  /** Asserts the context saw no problems and closes it. */
  finish: (options?: FinishOptions) => Promise<void>
}

export interface Journey {
  /** Creates a user with PASSWORD and the given public metadata through the Backend API. */
  createUser: (label: string, publicMetadata?: Record<string, unknown>) => Promise<{ id: string, email: string }>
  stack: StackFixture
  browser: Browser
  clerk: StackFixture['clerk']
  /** A fresh, watched browser context. */
  open: (options?: ContextOptions) => Promise<Opened>
  /** Signs in through Clerk's <SignIn/> with PASSWORD and waits for the page the gate lands on. */
  signIn: (page: Page, email: string, landing?: string) => Promise<void>
  /** A new user with this metadata, signed in through Clerk's UI in a fresh context, on `landing`. */
  signedIn: (label: string, publicMetadata?: Record<string, unknown>, landing?: string) => Promise<Opened & { id: string, email: string }>
}

/** Starts the built app, an in-memory emulator and Chromium for one test file. */
export function useJourney(options: { emulator?: Partial<EmulatorOptions> } = {}): Journey {
  const stack = useStack({ emulator: options.emulator })
  const journey = { stack } as Journey
  beforeAll(async () => {
    const browser = await launchChromium()
    journey.browser = browser
    journey.clerk = stack.clerk
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
    journey.signIn = async (page, email, landing = '/dashboard') => {
      await page.goto(`${stack.appUrl}/sign-in`)
      await signInThroughClerk(page, email, PASSWORD)
      await waitForPath(page, landing)
    }
    journey.signedIn = async (label, publicMetadata, landing) => {
      const user = await journey.createUser(label, publicMetadata)
      const opened = await journey.open()
      await journey.signIn(opened.page, user.email, landing)
      return { ...user, ...opened }
    }
  })
  afterAll(() => journey.browser?.close())
  return journey
}

export const ONBOARDED = { onboardingComplete: true, applicationName: '기존 앱', applicationType: '웹' }

let counter = 0
export const uniqueEmail = (label: string) => `${label}-${Date.now()}-${counter++}@example.com`
export const PASSWORD = 'a-long-enough-password-42'
