import { addTemplate, addTypeTemplate, defineNuxtModule } from 'nuxt/kit'
import { koKRComplete } from '../plugins/clerk-localization/ko-KR'
import { KOREAN_PACK_MODULES, renderedStrings, type ClerkStringsPart } from '../plugins/clerk-localization/rendered'

const TEMPLATES: Record<ClerkStringsPart, string> = { signedOut: 'clerk-ko-KR-signed-out.mjs', signedIn: 'clerk-ko-KR-signed-in.mjs' }

// Clerk's Korean strings for the components we render, in a part for signed-out pages and one for
// signed-in pages, written out at build time: picked at run time instead, the whole pack
// (organizations, billing, API keys...) would reach every Korean browser.
export default defineNuxtModule({
  meta: { name: 'clerk-korean-strings' },
  setup(_, nuxt) {
    for (const [part, filename] of Object.entries(TEMPLATES) as Array<[ClerkStringsPart, string]>) {
      addTemplate({ filename, getContents: () => `export default ${JSON.stringify(renderedStrings(koKRComplete, part))}\n` })
      addTypeTemplate({
        filename: `types/${filename.replace(/\.mjs$/, '')}.d.ts`,
        getContents: () => `declare module '#build/${filename}' {\n  const strings: import('@clerk/shared/types').LocalizationResource\n  export default strings\n}\n`,
      })
    }
    // A Korean page preloads the part it needs (plugins/clerk-localization.server.ts) and fetches the
    // other when the visitor signs in or out: no page prefetches them, so an English visit never downloads them.
    const packs = new Set(Object.values(KOREAN_PACK_MODULES))
    nuxt.hook('build:manifest', (manifest) => {
      for (const chunk of Object.values(manifest)) {
        if (chunk.isEntry) chunk.dynamicImports = chunk.dynamicImports?.filter(id => !packs.has(id))
      }
    })
  },
})
