import { eventHandler, getRequestHeader, setResponseHeader, setResponseStatus, type H3Event, type Router } from 'h3'
import type { EmulatorContext } from '../context.ts'
import { clerkError, sendClerkError, type ClerkHttpError } from '../http.ts'
import { IMAGE_MAX_BYTES, sniffImageType } from '../images.ts'
import { imageUrl } from '../urls.ts'
import { touchClient } from '../clients.ts'
import { fapiErrors } from './errors.ts'
import { withClient } from './json.ts'
import { me } from './me.ts'
import type { FapiRoute } from './route.ts'

// <UserProfile/>'s profile image: upload (multipart `file`, as clerk-js's user.setProfileImage
// sends it, or the raw bytes as application/octet-stream), removal, and the stored image served
// back at the URL `image_url` names.

/** Room for the multipart framing around a maximal file. */
const MULTIPART_OVERHEAD = 64 * 1024

const sizeExceeded = (): ClerkHttpError =>
  clerkError(413, 'avatar_file_size_exceeded', 'File size exceeds the maximum limit of 10MB.', 'File size exceeds the maximum limit of 10MB. Please choose a smaller file.', { param_name: 'file' })

const typeInvalid = (): ClerkHttpError =>
  clerkError(422, 'avatar_file_type_invalid', 'File type not supported.', 'File type not supported. Please upload a JPG, PNG, GIF, or WEBP image.', { param_name: 'file' })

/**
 * The request body, refused as soon as it passes `limit` bytes (declared or streamed). The rest
 * of a refused body is never read, so that connection closes after the 413 instead of serving
 * the next request from the middle of this one's bytes.
 */
async function readBounded(event: H3Event, limit: number): Promise<Buffer> {
  const refuse = () => {
    setResponseHeader(event, 'connection', 'close')
    return sizeExceeded()
  }
  if (Number(getRequestHeader(event, 'content-length') ?? 0) > limit) throw refuse()
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of event.node.req as AsyncIterable<Buffer>) {
    total += chunk.length
    if (total > limit) throw refuse()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** The uploaded file's bytes and name, from a multipart form or a raw body. */
async function readUpload(event: H3Event): Promise<{ bytes: Buffer, name: string }> {
  const type = getRequestHeader(event, 'content-type') ?? ''
  const raw = await readBounded(event, IMAGE_MAX_BYTES + MULTIPART_OVERHEAD)
  if (!/^multipart\/form-data/i.test(type)) {
    if (raw.length > IMAGE_MAX_BYTES) throw sizeExceeded()
    return { bytes: raw, name: 'profile-image' }
  }
  let file: FormDataEntryValue | null
  try {
    file = (await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData()).get('file')
  }
  catch {
    throw clerkError(400, 'malformed_request_body', 'Malformed multipart body', 'The request body is not a valid multipart form.')
  }
  if (!file || typeof file === 'string') throw fapiErrors.paramMissing('file')
  if (file.size > IMAGE_MAX_BYTES) throw sizeExceeded()
  return { bytes: Buffer.from(await file.arrayBuffer()), name: file.name || 'profile-image' }
}

/** An uploaded image's bytes, checked to be a JPG, PNG, GIF or WEBP of at most 10 MB (profile images, organization logos). */
export async function readImageUpload(event: H3Event): Promise<Buffer> {
  const { bytes } = await readUpload(event)
  if (bytes.length === 0) throw fapiErrors.paramMissing('file')
  if (!sniffImageType(bytes)) throw typeInvalid()
  return bytes
}

export const profileImageRoutes: FapiRoute[] = [
  { method: 'POST', path: '/v1/me/profile_image', handler: async (req) => {
    me(req) // signed in before reading 10 MB
    const { bytes, name } = await readUpload(req.event)
    if (bytes.length === 0) throw fapiErrors.paramMissing('file')
    if (!sniffImageType(bytes)) throw typeInvalid()
    const id = await req.ctx.images.put(bytes)
    const current = me(req) // re-read: the session may have ended during the upload
    const previous = current.user.image_id
    current.user.image_id = id
    current.user.updated_at = Date.now()
    touchClient(current.client)
    await req.ctx.images.delete(previous)
    return withClient(req.ctx, current.client, req.origin, { object: 'image', id, name, public_url: imageUrl(req.ctx, id) })
  } },

  { method: 'DELETE', path: '/v1/me/profile_image', handler: async (req) => {
    const current = me(req)
    const id = current.user.image_id
    if (!id) throw fapiErrors.notFound('profile image')
    current.user.image_id = null
    current.user.updated_at = Date.now()
    touchClient(current.client)
    await req.ctx.images.delete(id)
    return withClient(req.ctx, current.client, req.origin, { object: 'image', id, deleted: true })
  } },
]

/** `GET /images/:id`: the stored bytes with their sniffed type, never rendered as anything else. */
export function registerImageRoutes(router: Router, ctx: EmulatorContext): void {
  router.get('/images/:id', eventHandler(async (event) => {
    // The UI's <img> is crossorigin="anonymous".
    setResponseHeader(event, 'access-control-allow-origin', '*')
    const bytes = await ctx.images.get(event.context.params?.id ?? '')
    const type = bytes ? sniffImageType(bytes) : null
    if (!bytes || !type) return sendClerkError(event, fapiErrors.notFound('image'))
    setResponseStatus(event, 200)
    setResponseHeader(event, 'content-type', type)
    setResponseHeader(event, 'x-content-type-options', 'nosniff')
    setResponseHeader(event, 'content-security-policy', 'default-src \'none\'')
    // An id names one upload forever: a new image gets a new id.
    setResponseHeader(event, 'cache-control', 'public, max-age=31536000, immutable')
    return bytes
  }))
}
