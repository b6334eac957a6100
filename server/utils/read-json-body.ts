import type { H3Event } from 'h3'
import { getRequestHeader, readRawBody, setResponseHeader } from 'h3'
import { apiError } from './api-error'

/** Onboarding bodies are two short strings; anything near this size is abuse. */
export const JSON_BODY_LIMIT = 16 * 1024

/**
 * The raw body, refused with 413 as soon as it passes `limit`: a chunked body declares no length,
 * and h3's readRawBody would buffer all of it first. The request stream is never destroyed (Nitro's
 * connection tracking and our request log still need its socket when the response finishes); the
 * rest of an oversized body is discarded and the connection closed after the answer.
 */
function readCapped(event: H3Event, limit: number): Promise<Buffer | undefined> {
  const req = event.node.req
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const stop = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      stop()
      req.resume()
      setResponseHeader(event, 'connection', 'close')
      reject(apiError(event, 413, 'payload_too_large', { limit }))
    }
    const onEnd = () => {
      stop()
      resolve(size > 0 ? Buffer.concat(chunks) : undefined)
    }
    const onError = (error: Error) => {
      stop()
      reject(error)
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
  })
}

/**
 * Reads a JSON body with the checks h3's readBody skips: 415 unless the type is JSON (form and
 * text bodies are how cross-site forms post without a CORS preflight), 413 past the limit, and 400
 * for malformed JSON or invalid UTF-8 instead of h3's lenient parse that turns bad JSON into a string.
 */
export async function readJsonBody(event: H3Event, limit = JSON_BODY_LIMIT): Promise<unknown> {
  const type = (getRequestHeader(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'application/json') {
    throw apiError(event, 415, 'unsupported_media_type')
  }
  const declared = Number(getRequestHeader(event, 'content-length') ?? 0)
  if (declared > limit) {
    setResponseHeader(event, 'connection', 'close')
    throw apiError(event, 413, 'payload_too_large', { limit })
  }
  const req = event.node.req
  // Already read or provided by the runtime (not a plain Node request): h3 knows where it is.
  const raw = req.readableEnded || (req as { body?: unknown }).body !== undefined
    ? await readRawBody(event, false)
    : await readCapped(event, limit)
  if (raw && raw.length > limit) throw apiError(event, 413, 'payload_too_large', { limit })
  try {
    // Fatal: bytes that are not UTF-8 are a malformed body, not text to store with U+FFFD in it.
    return JSON.parse(raw ? new TextDecoder('utf-8', { fatal: true }).decode(raw) : '')
  }
  catch {
    throw apiError(event, 400, 'invalid_json')
  }
}
