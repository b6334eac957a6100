import type { H3Event } from 'h3'
import { getRequestHeader, readRawBody } from 'h3'
import { apiError } from './api-error'

/** Onboarding bodies are two short strings; anything near this size is abuse. */
export const JSON_BODY_LIMIT = 16 * 1024

/**
 * Reads a JSON body with the checks h3's readBody skips: 415 unless the type is JSON (form and
 * text bodies are how cross-site forms post without a CORS preflight), 413 past the limit, and 400
 * for malformed JSON or invalid UTF-8 instead of h3's lenient parse that turns bad JSON into a string.
 */
/**
 * The raw body, refused with 413 as soon as it passes `limit`: a chunked body declares no length,
 * and h3's readRawBody would buffer all of it first.
 */
async function readCapped(event: H3Event, limit: number): Promise<Buffer | undefined> {
  const req = event.node.req
  // Already read or provided by the runtime (not a plain Node request): h3 knows where it is.
  if (req.readableEnded || (req as { body?: unknown }).body !== undefined) {
    const raw = await readRawBody(event, false)
    if (raw && raw.length > limit) throw apiError(413, 'payload_too_large', `요청 본문은 ${limit} 바이트를 넘을 수 없습니다.`)
    return raw
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw apiError(413, 'payload_too_large', `요청 본문은 ${limit} 바이트를 넘을 수 없습니다.`)
    chunks.push(chunk as Buffer)
  }
  return size > 0 ? Buffer.concat(chunks) : undefined
}

export async function readJsonBody(event: H3Event, limit = JSON_BODY_LIMIT): Promise<unknown> {
  const type = (getRequestHeader(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'application/json') {
    throw apiError(415, 'unsupported_media_type', '요청 본문은 application/json 이어야 합니다.')
  }
  const declared = Number(getRequestHeader(event, 'content-length') ?? 0)
  if (declared > limit) throw apiError(413, 'payload_too_large', `요청 본문은 ${limit} 바이트를 넘을 수 없습니다.`)
  const raw = await readCapped(event, limit)
  try {
    // Fatal: bytes that are not UTF-8 are a malformed body, not text to store with U+FFFD in it.
    return JSON.parse(raw ? new TextDecoder('utf-8', { fatal: true }).decode(raw) : '')
  }
  catch {
    throw apiError(400, 'invalid_json', '요청 본문이 올바른 JSON이 아닙니다.')
  }
}
