// Clerk's Korean strings a signed-in page shows, as the browser loads them: ./ko-KR.ts cut at build time.
export { default as strings } from '#build/clerk-ko-KR-signed-in.mjs'
