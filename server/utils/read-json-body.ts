import type { H3Event } from 'h3'
import { getRequestHeader, readRawBody } from 'h3'
import { apiError } from './api-error'

/** Onboarding bodies are two short strings; anything near this size is abuse. */
export const JSON_BODY_LIMIT = 16 * 1024

/**
 * Reads a JSON body with the checks h3's readBody skips: 415 unless the type is JSON (form and
 * text bodies are how cross-site forms post without a CORS preflight), 413 past the limit, and 400
 * for malformed JSON instead of h3's lenient parse that turns bad JSON into a string.
 */
export async function readJsonBody(event: H3Event, limit = JSON_BODY_LIMIT): Promise<unknown> {
  const type = (getRequestHeader(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'application/json') {
    throw apiError(415, 'unsupported_media_type', '요청 본문은 application/json 이어야 합니다.')
  }
  const declared = Number(getRequestHeader(event, 'content-length') ?? 0)
  if (declared > limit) throw apiError(413, 'payload_too_large', `요청 본문은 ${limit} 바이트를 넘을 수 없습니다.`)
  const raw = await readRawBody(event, false)
  if (raw && raw.length > limit) throw apiError(413, 'payload_too_large', `요청 본문은 ${limit} 바이트를 넘을 수 없습니다.`)
  const text = raw ? new TextDecoder('utf-8', { fatal: false }).decode(raw) : ''
  try {
    return JSON.parse(text)
  }
  catch {
    throw apiError(400, 'invalid_json', '요청 본문이 올바른 JSON이 아닙니다.')
  }
}
