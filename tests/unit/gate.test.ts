import { describe, expect, it } from 'vitest'
import { decideGate, type GateInput } from '../../shared/gate'

const at = (path: string, signedIn: boolean, onboarded: boolean | undefined, fullPath = path): GateInput =>
  ({ signedIn, onboarded, path, fullPath })

describe('decideGate: the onboarding gate decision table', () => {
  // [path, signedIn, onboarded, expected]
  const table: Array<[string, boolean, boolean, string]> = [
    ['/', false, false, 'allow'],
    ['/sign-in', false, false, 'allow'],
    ['/sign-in/factor-one', false, false, 'allow'],
    ['/sign-up', false, false, 'allow'],
    ['/sign-up/verify-email-address', false, false, 'allow'],
    ['/dashboard', false, false, '/sign-in?redirect_url=%2Fdashboard'],
    ['/onboarding', false, false, '/sign-in?redirect_url=%2Fonboarding'],
    ['/settings', false, false, '/sign-in?redirect_url=%2Fsettings'],
    ['/', true, false, '/onboarding'],
    ['/dashboard', true, false, '/onboarding'],
    ['/settings', true, false, '/onboarding'],
    ['/onboarding', true, false, 'allow'],
    ['/sign-in', true, false, 'allow'],
    ['/sign-up/continue', true, false, 'allow'],
    ['/', true, true, 'allow'],
    ['/dashboard', true, true, 'allow'],
    ['/onboarding', true, true, '/dashboard'],
    ['/sign-in', true, true, 'allow'],
  ]
  it.each(table)('%s (signed in: %s, onboarded: %s) -> %s', (path, signedIn, onboarded, expected) => {
    const decision = decideGate(at(path, signedIn, onboarded))
    expect(decision.action === 'redirect' ? decision.to : decision.action).toBe(expected)
  })

  it('keeps the query of the page the signed-out user was opening', () => {
    const decision = decideGate(at('/dashboard', false, false, '/dashboard?tab=apps'))
    expect(decision).toEqual({ action: 'redirect', to: '/sign-in?redirect_url=%2Fdashboard%3Ftab%3Dapps' })
  })

  it('treats case and trailing-slash variants the router also matches as the same page', () => {
    expect(decideGate(at('/DASHBOARD', false, false))).toMatchObject({ action: 'redirect' })
    expect(decideGate(at('/dashboard/', true, false))).toEqual({ action: 'redirect', to: '/onboarding' })
    expect(decideGate(at('/Onboarding/', true, true))).toEqual({ action: 'redirect', to: '/dashboard' })
  })

  it('lets a path no page answers through to the 404 page, signed in or not', () => {
    expect(decideGate({ ...at('/nope', false, false), notFound: true })).toEqual({ action: 'allow' })
    expect(decideGate({ ...at('/nope', true, false), notFound: true })).toEqual({ action: 'allow' })
  })

  it('asks for an unknown onboarding state only where the decision depends on it', () => {
    for (const path of ['/', '/dashboard', '/onboarding', '/settings', '/Dashboard/']) {
      expect(decideGate(at(path, true, undefined)), path).toEqual({ action: 'ask' })
    }
    expect(decideGate(at('/sign-in/factor-one', true, undefined))).toEqual({ action: 'allow' })
    expect(decideGate({ ...at('/nope', true, undefined), notFound: true })).toEqual({ action: 'allow' })
    expect(decideGate(at('/dashboard', false, undefined))).toEqual({ action: 'redirect', to: '/sign-in?redirect_url=%2Fdashboard' })
    expect(decideGate(at('/', false, undefined))).toEqual({ action: 'allow' })
  })

  it('never lets a lookalike of an auth path through signed out', () => {
    expect(decideGate(at('/sign-inx', false, false))).toMatchObject({ action: 'redirect' })
    expect(decideGate(at('/sign-up-admin', false, false))).toMatchObject({ action: 'redirect' })
  })
})

describe('decideGate: a pending session (a Clerk session task left to finish)', () => {
  const pending = (path: string, task?: string, fullPath = path): GateInput =>
    ({ signedIn: false, pending: true, task, onboarded: undefined, path, fullPath })

  it('sends a protected page, the onboarding form included, to the task with the way back', () => {
    expect(decideGate(pending('/dashboard', 'choose-organization', '/dashboard?tab=2')))
      .toEqual({ action: 'redirect', to: '/sign-in/tasks/choose-organization?redirect_url=%2Fdashboard%3Ftab%3D2' })
    expect(decideGate(pending('/onboarding', 'choose-organization')))
      .toEqual({ action: 'redirect', to: '/sign-in/tasks/choose-organization?redirect_url=%2Fonboarding' })
    expect(decideGate(pending('/Settings/', 'reset-password')))
      .toEqual({ action: 'redirect', to: '/sign-in/tasks/reset-password?redirect_url=%2FSettings%2F' })
  })

  it('sends it to the task flow\'s start, which opens the current task, when the task is not known (the server)', () => {
    expect(decideGate(pending('/dashboard'))).toEqual({ action: 'redirect', to: '/sign-in/tasks?redirect_url=%2Fdashboard' })
  })

  it('never puts a task name that is not a plain word into the path', () => {
    for (const task of ['../../evil', '//evil.com', 'choose-organization?redirect_url=//evil.com', 'a/b', ''] as const) {
      expect(decideGate(pending('/dashboard', task)), task).toEqual({ action: 'redirect', to: '/sign-in/tasks?redirect_url=%2Fdashboard' })
    }
  })

  it('lets it through Clerk\'s pages (the task flow lives there), the public home page and the 404 page', () => {
    for (const path of ['/sign-in/tasks/choose-organization', '/sign-in/tasks', '/sign-up/tasks/choose-organization', '/sign-in', '/']) {
      expect(decideGate(pending(path, 'choose-organization')), path).toEqual({ action: 'allow' })
    }
    expect(decideGate({ ...pending('/nope'), notFound: true })).toEqual({ action: 'allow' })
  })

  it('never asks about onboarding and never sends it to the form, whatever the onboarding state says', () => {
    for (const onboarded of [true, false, undefined]) {
      for (const path of ['/dashboard', '/onboarding', '/']) {
        const decision = decideGate({ ...pending(path), onboarded })
        expect(decision.action, path).not.toBe('ask')
        if (decision.action === 'redirect') expect(decision.to, path).toMatch(/^\/sign-in\/tasks\?/)
      }
    }
  })

  it('keeps a hostile way back off the redirect', () => {
    expect(decideGate(pending('//evil.com', 'choose-organization', '//evil.com/x')))
      .toEqual({ action: 'redirect', to: '/sign-in/tasks/choose-organization?redirect_url=%2Fdashboard' })
  })
})
