import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

// Serves one directory of test/fixtures/ as a static app on its own localhost port, plus
// /config.json (the emulator's wiring values the page reads), with no build step in between.

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' }

export interface FixtureApp {
  url: string
  stop: () => Promise<void>
}

export async function startFixtureApp(name: string, config: Record<string, string>): Promise<FixtureApp> {
  const root = new URL(`../fixtures/${name}/`, import.meta.url)
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!
    if (path === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(config))
      return
    }
    // Only the fixture's own flat file names: nothing outside its directory is reachable.
    const file = path === '/' ? 'index.html' : path.slice(1)
    const type = TYPES[file.slice(file.lastIndexOf('.'))]
    if (!/^[\w-]+\.\w+$/.test(file) || !type) {
      res.writeHead(404).end()
      return
    }
    readFile(new URL(file, root)).then(
      body => res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body),
      () => res.writeHead(404).end(),
    )
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    // `localhost`, not the emulator's 127.0.0.1: the app and the Account Portal are different origins.
    url: `http://localhost:${port}`,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  }
}
