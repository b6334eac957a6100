import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomBase62 } from './ids.ts'

// Profile images: the bytes live beside the state file (images/<id>), never inside it, so a
// 10 MB upload does not make every later commit rewrite 10 MB. The type is read from the bytes.

/** What <UserProfile/>'s uploader allows: 10 MB of JPG, PNG, GIF or WEBP. */
export const IMAGE_MAX_BYTES = 10 * 1000 * 1000

/** The image type the bytes themselves say, whatever the upload claimed; null for anything else. */
export function sniffImageType(bytes: Uint8Array): string | null {
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1')
  if (bytes[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png'
  if (bytes[0] === 0xFF && bytes[1] === 0xD8 && bytes[2] === 0xFF) return 'image/jpeg'
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'image/gif'
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  return null
}

const ID = /^img_[A-Za-z0-9]{24}$/

export class ImageStore {
  readonly #dir: string | null
  readonly #memory = new Map<string, Buffer>()

  constructor(dataDir: string | null) {
    this.#dir = dataDir ? join(dataDir, 'images') : null
  }

  async put(bytes: Buffer): Promise<string> {
    const id = `img_${randomBase62(24)}`
    if (!this.#dir) {
      this.#memory.set(id, bytes)
      return id
    }
    await mkdir(this.#dir, { recursive: true })
    const tmp = join(this.#dir, `${id}.tmp`)
    await writeFile(tmp, bytes, { mode: 0o600 })
    await rename(tmp, join(this.#dir, id))
    return id
  }

  /** The bytes of a stored image; null for an unknown or malformed id (never a path outside images/). */
  async get(id: string): Promise<Buffer | null> {
    if (!ID.test(id)) return null
    if (!this.#dir) return this.#memory.get(id) ?? null
    try { return await readFile(join(this.#dir, id)) }
    catch { return null }
  }

  async delete(id: string | null | undefined): Promise<void> {
    if (!id || !ID.test(id)) return
    this.#memory.delete(id)
    if (this.#dir) await unlink(join(this.#dir, id)).catch(() => {})
  }
}
