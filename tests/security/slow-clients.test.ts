import { connect, type Socket } from 'node:net'
import { beforeAll, describe, expect, it } from 'vitest'
import { useStack } from '../support/stack'
import { createSignedInUser } from '../support/sessions'
import { bearer, postOnboarding, VALID_BODY } from './support/http'

// Node cuts off a client that sends its headers or its body too slowly (server/plugins/http-timeouts.ts),
// so one account cannot hold connections open by trickling. The operator settings
// NUXT_HTTP_TIMEOUTS_HEADERS_SECONDS / _REQUEST_SECONDS (docs/deploy.md) are shortened here.

const stack = useStack({ env: { NUXT_HTTP_TIMEOUTS_HEADERS_SECONDS: '1', NUXT_HTTP_TIMEOUTS_REQUEST_SECONDS: '2' } })
let port: number
beforeAll(async () => {
  port = Number(new URL(stack.appUrl).port)
})

/**
 * Sends `head` at once, then `trickle` one byte every 250 ms; resolves when the server closes the
 * connection, with what it answered and how many trickled bytes had gone out by then.
 */
function trickle(head: string, trickled: string): Promise<{ answer: string, sent: number }> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1')
    let answer = ''
    let sent = 0
    let timer: NodeJS.Timeout | undefined
    socket.on('data', (chunk) => {
      answer += chunk
    })
    socket.on('error', () => { /* a reset after the answer */ })
    socket.on('close', () => {
      clearInterval(timer)
      resolve({ answer, sent })
    })
    socket.on('connect', () => {
      socket.write(head)
      timer = setInterval(() => {
        if (sent === trickled.length) {
          clearInterval(timer)
          reject(new Error(`the server took all ${sent} trickled bytes without closing the connection`))
          socket.destroy()
          return
        }
        socket.write(trickled[sent++]!)
      }, 250)
    })
  })
}

describe('slow clients', () => {
  it('a signed-in caller trickling a body is answered 408 and cut off before the body is complete', async () => {
    const user = await createSignedInUser(stack.emulator, stack.appUrl, { plan: 'pro' })
    const token = await user.token()
    const body = JSON.stringify({ applicationName: `${'a'.repeat(40)}`, applicationType: 'b' })
    const head = `POST /api/complete-onboarding HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`
    const { answer, sent } = await trickle(head, body)
    expect(sent).toBeLessThan(body.length)
    expect(answer).toMatch(/^HTTP\/1\.1 408 /)
    expect((await stack.clerk.users.getUser(user.userId)).publicMetadata).toEqual({ plan: 'pro' })
    // The same write sent at once goes through.
    expect((await postOnboarding(stack.appUrl, VALID_BODY, bearer(token))).status).toBe(200)
  })

  it('a client trickling its headers is answered 408 and cut off', async () => {
    const { answer, sent } = await trickle('GET /api/health HTTP/1.1\r\n', `Host: 127.0.0.1:${port}\r\nX-Slow: ${'x'.repeat(40)}\r\n\r\n`)
    expect(sent).toBeLessThan(50)
    expect(answer).toMatch(/^HTTP\/1\.1 408 /)
  })

  it('leaves the log free of uncaught errors', async () => {
    expect(stack.logs()).not.toMatch(/uncaughtException|unhandledRejection|TypeError/)
  })
})
