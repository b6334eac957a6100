import { startEmulator } from '/work/main/emulator/src/index.ts'
const em = await startEmulator({ port: 0, memory: true, quiet: true })
const k = { authorization: 'Bearer ' + em.keys.secretKey }
for (const [m, p, h] of [['GET', '/bapi', k], ['GET', '/bapi', {}], ['GET', '/bapi/', k], ['HEAD', '/bapi/v1/users', k], ['OPTIONS', '/bapi/v1/users', k], ['GET', '/bapi/v1/users/', k], ['GET', '/bapi/v1/users/%20', k], ['GET', '/bapi/v1/users?email_address=a&email_address=b', k]]) {
  const r = await fetch(em.url + p, { method: m, headers: h })
  console.log(m, p, r.status, r.headers.get('content-type'), (await r.text()).slice(0, 100))
}
await em.stop()
