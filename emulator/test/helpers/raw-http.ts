import { request } from 'node:http'

export interface RawHttpResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

/** An HTTP call with any Host header (fetch refuses to set it), as a DNS-rebinding page would send. */
export function rawHttp(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawHttpResponse> {
  const url = new URL(base)
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port, method, path, headers, setHost: !('host' in headers) }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => { text += chunk })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}
