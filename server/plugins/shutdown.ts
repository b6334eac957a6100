import { isJsonLogging, logger } from '../utils/logger'

// Cloud Run sends SIGTERM, then SIGKILL 10 s later. Nitro's node-server runtime drains on SIGTERM
// by itself: it closes the listener (new connections are refused), lets in-flight requests finish,
// closes idle keep-alive sockets and exits, waiting at most NITRO_SHUTDOWN_TIMEOUT ms (the
// Dockerfile sets 8000; Nitro's default of 30 s is past Cloud Run's limit). This plugin logs the
// drain and makes sure the process is gone before SIGKILL whatever the timeout says.
const HARD_DEADLINE_MS = 9_500

export default defineNitroPlugin((nitroApp) => {
  if (!isJsonLogging() || process.env.NITRO_SHUTDOWN_DISABLED) return
  process.once('SIGTERM', () => {
    logger.info('SIGTERM: refusing new connections, draining in-flight requests')
    setTimeout(() => {
      logger.error(`Shutdown still not finished after ${HARD_DEADLINE_MS} ms; exiting before Cloud Run's SIGKILL`)
      process.exit(1)
    }, HARD_DEADLINE_MS).unref()
  })
  nitroApp.hooks.hook('close', () => {
    logger.info('Server closed: in-flight requests done or timed out, exiting')
  })
})
