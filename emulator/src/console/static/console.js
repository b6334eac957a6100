// The emulator's console: plain DOM, same-origin calls only. Control routes get X-Clerk-Emulator;
// users and sessions go through the Backend API with the secret key from /__emulator/env, so the
// console changes state exactly as an app would (same validation, same webhook events).

const CONTROL = { 'x-clerk-emulator': '1' }
const POLL_MS = 3000
const state = { secret: '', selected: null, rendered: new Map() }

const $ = selector => document.querySelector(selector)

/** Builds an element: h('td', { class: 'mono' }, 'text', child). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value)
    else el.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children.flat()) el.append(child instanceof Node ? child : String(child ?? ''))
  return el
}

function say(message, isError = false) {
  const status = $('#status')
  status.textContent = message
  status.classList.toggle('error', isError)
}

function errorText(json, res) {
  const first = json && Array.isArray(json.errors) ? json.errors[0] : null
  return first ? (first.long_message || first.message) : `HTTP ${res.status}`
}

async function call(url, init) {
  const res = await fetch(url, init)
  const text = await res.text()
  let json
  try { json = text ? JSON.parse(text) : null }
  catch { json = null }
  if (!res.ok) throw new Error(errorText(json, res))
  return json
}

function control(method, path, body) {
  const headers = { ...CONTROL }
  if (body !== undefined) headers['content-type'] = 'application/json'
  return call(`/__emulator${path}`, { method, headers, body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)) })
}

function bapi(method, path, body) {
  const headers = { authorization: `Bearer ${state.secret}` }
  if (body !== undefined) headers['content-type'] = 'application/json'
  return call(`/bapi/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
}

/** Runs an action, reporting its outcome in the status line. */
async function act(label, fn) {
  try {
    await fn()
    say(label)
  }
  catch (error) {
    say(error.message, true)
  }
}

const time = ms => (ms ? new Date(ms).toLocaleString() : '')
const emailOf = user => user.email_addresses.find(e => e.id === user.primary_email_address_id)?.email_address ?? user.email_addresses[0]?.email_address ?? '(no email)'
const nameOf = user => [user.first_name, user.last_name].filter(Boolean).join(' ')

/** Replaces a table body only when its data changed, so polling never steals focus. */
function fillTable(id, rows, key, emptyText, columns) {
  const signature = JSON.stringify(key)
  if (state.rendered.get(id) === signature) return
  state.rendered.set(id, signature)
  const body = $(`#${id} tbody`)
  body.replaceChildren(...(rows.length ? rows : [h('tr', {}, h('td', { colspan: columns }, emptyText))]))
}

// Users

async function loadUsers() {
  const query = $('#user-query').value.trim()
  const params = new URLSearchParams({ limit: '100', order_by: '-created_at' })
  if (query) params.set('query', query)
  const users = await bapi('GET', `/users?${params}`)
  fillTable('user-table', users.map(user => h('tr', { 'aria-current': user.id === state.selected ? 'true' : false },
    h('td', {}, emailOf(user)),
    h('td', {}, nameOf(user)),
    h('td', { class: 'mono' }, user.id),
    h('td', {}, user.banned ? 'banned' : 'active'),
    h('td', {}, h('button', { 'type': 'button', 'aria-label': `Open ${emailOf(user)}`, 'onclick': () => openUser(user.id) }, 'Open')),
  )), [users, state.selected], query ? 'No user matches.' : 'No users yet.', 5)
}

async function openUser(id) {
  state.selected = id
  state.rendered.delete('user-table')
  await loadUsers()
  await renderUser()
  $('#user-detail').hidden = false
  $('#detail-heading').scrollIntoView({ block: 'start' })
  $('#public-metadata').focus()
}

async function renderUser() {
  const user = await bapi('GET', `/users/${state.selected}`)
  $('#detail-email').textContent = emailOf(user)
  $('#detail-id').textContent = user.id
  $('#ban-user').textContent = user.banned ? 'Unban' : 'Ban'
  $('#ban-user').dataset.banned = String(user.banned)
  for (const kind of ['public', 'private', 'unsafe']) {
    const field = $(`#${kind}-metadata`)
    field.value = JSON.stringify(user[`${kind}_metadata`], null, 2)
    field.removeAttribute('aria-invalid')
  }
  $('#metadata-error').textContent = ''
  await Promise.all([loadSessions(), loadPreview()])
}

async function loadSessions() {
  const sessions = await bapi('GET', `/sessions?user_id=${encodeURIComponent(state.selected)}&limit=100`)
  fillTable('session-table', sessions.map(session => h('tr', {},
    h('td', { class: 'mono' }, session.id),
    h('td', {}, session.status),
    h('td', {}, time(session.last_active_at)),
    h('td', {}, session.status === 'active'
      ? h('button', { 'type': 'button', 'class': 'danger', 'aria-label': `Revoke session ${session.id}`, 'onclick': () => act('Session revoked.', async () => {
          await bapi('POST', `/sessions/${session.id}/revoke`)
          await loadSessions()
        }) }, 'Revoke')
      : ''),
  )), sessions, 'No sessions.', 4)
}

async function loadPreview() {
  const preview = await control('GET', `/token-preview?user_id=${encodeURIComponent(state.selected)}`)
  $('#token-claims').textContent = JSON.stringify(preview.claims, null, 2)
  const over = preview.custom_claims_bytes > preview.guidance_bytes
  $('#token-size').textContent = `Custom claims: ${preview.custom_claims_bytes} bytes of Clerk's ~${(preview.guidance_bytes / 1000).toFixed(1)} KB guidance${over ? ' (too large: move data out of the token)' : ''}; whole token ${preview.token_bytes} bytes.`
  $('#token-size').classList.toggle('error', over)
}

/** Parses the three metadata fields; marks the first invalid one and returns null. */
function readMetadata() {
  const out = {}
  for (const kind of ['public', 'private', 'unsafe']) {
    const field = $(`#${kind}-metadata`)
    field.removeAttribute('aria-invalid')
    let value
    try { value = JSON.parse(field.value.trim() || '{}') }
    catch (error) { return invalidField(field, `${kind} metadata is not valid JSON: ${error.message}`) }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return invalidField(field, `${kind} metadata must be a JSON object, like {"plan": "pro"}.`)
    out[`${kind}_metadata`] = value
  }
  return out
}

function invalidField(field, message) {
  field.setAttribute('aria-invalid', 'true')
  $('#metadata-error').textContent = message
  field.focus()
  return null
}

$('#metadata-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const metadata = readMetadata()
  if (!metadata) return
  $('#metadata-error').textContent = ''
  act('Metadata saved.', async () => {
    await bapi('PATCH', `/users/${state.selected}`, metadata)
    await renderUser()
  })
})

$('#ban-user').addEventListener('click', () => {
  const banned = $('#ban-user').dataset.banned === 'true'
  act(banned ? 'User unbanned.' : 'User banned; their sessions were revoked.', async () => {
    await bapi('POST', `/users/${state.selected}/${banned ? 'unban' : 'ban'}`)
    await Promise.all([renderUser(), loadUsers()])
  })
})

// The user's next sign-in then needs another factor and a new password (the reset-password task).
$('#compromise-password').addEventListener('click', () => act('Password marked compromised: the next sign-in must reset it.', async () => {
  await bapi('POST', `/users/${state.selected}/password/set_compromised`, {})
}))

$('#delete-user').addEventListener('click', () => {
  if (!window.confirm(`Delete ${$('#detail-email').textContent}? This cannot be undone.`)) return
  act('User deleted.', async () => {
    await bapi('DELETE', `/users/${state.selected}`)
    state.selected = null
    $('#user-detail').hidden = true
    await loadUsers()
    $('#user-query').focus()
  })
})

$('#user-search').addEventListener('submit', (event) => {
  event.preventDefault()
  act('Users loaded.', loadUsers)
})

$('#user-create').addEventListener('submit', (event) => {
  event.preventDefault()
  const form = new FormData(event.target)
  const body = { email_address: [form.get('email')] }
  if (form.get('password')) body.password = form.get('password')
  if (form.get('first_name')) body.first_name = form.get('first_name')
  act('User created.', async () => {
    const user = await bapi('POST', '/users', body)
    event.target.reset()
    await openUser(user.id)
  })
})

// Outbox, webhooks, faults, requests

// Organizations (read through the Backend API; a 403 means the instance has them off)

async function loadOrganizations() {
  const settings = await bapi('GET', '/instance/organization_settings')
  $('#organizations-note').firstChild.textContent = settings.enabled
    ? 'Organizations and their members, newest first. '
    : 'Organizations are off: start the emulator with --organizations on. '
  const orgs = settings.enabled ? (await bapi('GET', '/organizations?limit=100')).data : []
  const members = await Promise.all(orgs.map(org => bapi('GET', `/organizations/${org.id}/memberships?limit=100`)))
  fillTable('organization-table', orgs.map((org, i) => h('tr', {},
    h('td', {}, org.name),
    h('td', { class: 'mono' }, org.slug),
    h('td', { class: 'mono' }, org.id),
    h('td', {}, members[i].data.map(m => `${m.public_user_data.identifier ?? m.public_user_data.user_id} (${m.role})`).join(', ') || 'none'),
  )), [orgs, members], 'No organizations yet.', 4)
}

async function loadOutbox() {
  const [emails, texts] = await Promise.all([control('GET', '/emails'), control('GET', '/sms')])
  // One list, newest first: an SMS shows as such in the subject column.
  const data = [...emails.data, ...texts.data.map(m => ({ ...m, subject: 'SMS' }))].sort((a, b) => b.created_at - a.created_at)
  fillTable('email-table', data.map(m => h('tr', {},
    h('td', {}, m.to), h('td', {}, m.subject), h('td', { class: 'mono code' }, m.code ?? ''), h('td', {}, time(m.created_at)),
  )), data, 'No emails or text messages yet.', 4)
}

async function loadWebhooks() {
  const { endpoints, data } = await control('GET', '/webhooks')
  $('#webhook-endpoints').textContent = endpoints.length
    ? `Delivering to ${endpoints.join(', ')}.`
    : 'No endpoints: start the emulator with --webhook-url <url> to receive events.'
  fillTable('delivery-table', data.map(d => h('tr', {},
    h('td', {}, d.type, h('br'), h('span', { class: 'mono' }, d.id)),
    h('td', {}, d.endpoint),
    h('td', {}, d.state),
    h('td', {}, d.attempts.map(a => `${a.status ?? 'no answer'}${a.error && a.status === null ? ` (${a.error})` : ''} at ${new Date(a.at).toLocaleTimeString()}`).join('; ') || 'none yet'),
    h('td', {}, h('button', { 'type': 'button', 'aria-label': `Replay ${d.type} ${d.id}`, 'onclick': () => act('Delivery replayed.', async () => {
      await control('POST', `/webhooks/${d.id}/replay`)
      await loadWebhooks()
    }) }, 'Replay')),
  )), data, 'No deliveries yet.', 5)
}

function effectOf(rule) {
  const parts = []
  if (rule.latencyMs) parts.push(`${rule.latencyMs} ms delay`)
  if (rule.status) parts.push(`status ${rule.status}`)
  if (rule.drop) parts.push('drop connection')
  if (rule.dropResponse) parts.push('drop response')
  if (rule.times) parts.push(`${rule.times} times`)
  return parts.join(', ')
}

async function loadFaults() {
  const { rules } = await control('GET', '/faults')
  state.faults = rules
  fillTable('fault-table', rules.map(rule => h('tr', {},
    h('td', {}, rule.method ?? '*'), h('td', { class: 'mono' }, rule.path), h('td', {}, effectOf(rule)), h('td', {}, rule.hits),
    h('td', {}, h('button', { 'type': 'button', 'class': 'danger', 'aria-label': `Remove rule ${rule.path}`, 'onclick': () => act('Rule removed.', async () => {
      await control('DELETE', `/faults/${rule.id}`)
      await loadFaults()
    }) }, 'Remove')),
  )), rules, 'No fault rules: every request is answered normally.', 5)
}

$('#fault-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const field = $('#fault-rule')
  let rule
  try { rule = JSON.parse(field.value) }
  catch (error) {
    field.setAttribute('aria-invalid', 'true')
    $('#fault-error').textContent = `Not valid JSON: ${error.message}`
    return
  }
  field.removeAttribute('aria-invalid')
  $('#fault-error').textContent = ''
  // POST replaces the whole list: send the current rules (without their counters) plus the new one.
  const current = (state.faults ?? []).map((active) => {
    const rest = { ...active }
    delete rest.id
    delete rest.hits
    return rest
  })
  act('Rule added.', async () => {
    try { await control('POST', '/faults', { rules: [...current, rule] }) }
    catch (error) {
      field.setAttribute('aria-invalid', 'true')
      $('#fault-error').textContent = error.message
      throw error
    }
    field.value = ''
    await loadFaults()
  })
})

$('#clear-faults').addEventListener('click', () => act('All fault rules cleared.', async () => {
  await control('DELETE', '/faults')
  await loadFaults()
}))

async function loadRequests() {
  const { data } = await control('GET', '/requests')
  const all = $('#show-control').checked
  const rows = data.filter(r => all || !(r.path.startsWith('/__emulator') || r.path.startsWith('/_console'))).slice(0, 200)
  fillTable('request-table', rows.map(r => h('tr', {},
    h('td', {}, new Date(r.at).toLocaleTimeString()), h('td', {}, r.method), h('td', { class: 'mono' }, r.path), h('td', {}, r.status), h('td', {}, `${r.ms} ms`),
  )), rows, 'No requests yet.', 5)
}
$('#show-control').addEventListener('change', () => loadRequests())

// Export and import

$('#export-state').addEventListener('click', () => act('Export downloaded.', async () => {
  const res = await fetch('/__emulator/export', { headers: CONTROL })
  if (!res.ok) throw new Error(`Export failed: HTTP ${res.status}`)
  const url = URL.createObjectURL(await res.blob())
  const link = h('a', { href: url, download: 'clerk-emulator-export.json' })
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}))

$('#import-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const file = $('#import-file').files[0]
  if (!file) return say('Choose an export file first.', true)
  act('State imported. The keys changed if the file came from another instance: rewire your app.', async () => {
    await control('POST', '/import', await file.text())
    await loadEnv()
    state.selected = null
    $('#user-detail').hidden = true
    $('#user-query').value = ''
    state.rendered.clear()
    await refreshAll()
  })
})

async function loadConfig() {
  const { file, settings } = await control('GET', '/config')
  $('#config-source').textContent = `Read-only: set at start by flags, CLERK_EMULATOR_* variables${file ? ` and ${file}` : ' or a --config file'}.`
  $('#config-settings').replaceChildren(...settings.flatMap(({ label, value }) => [h('dt', {}, label), h('dd', {}, value)]))
}

async function loadEnv() {
  const env = await control('GET', '/env')
  state.secret = env.NUXT_CLERK_SECRET_KEY
  $('#instance').textContent = `${location.origin} · ${env.NUXT_PUBLIC_CLERK_PUBLISHABLE_KEY}`
  $('#webhook-secret').textContent = env.CLERK_WEBHOOK_SIGNING_SECRET
}

// Organizations, the outbox, deliveries, fault rules and the request log follow the emulator by themselves (poll()).
const pollers = { organizations: loadOrganizations, outbox: loadOutbox, webhooks: loadWebhooks, faults: loadFaults, requests: loadRequests }

async function refreshAll() {
  await Promise.all([loadUsers(), ...Object.values(pollers).map(load => load())])
}

async function poll() {
  try {
    await Promise.all(Object.values(pollers).map(load => load()))
    if (state.selected) await loadSessions()
  }
  catch { /* the emulator restarting; the next round retries */ }
  setTimeout(poll, POLL_MS)
}

act('Ready.', async () => {
  await Promise.all([loadEnv(), loadConfig()])
  await refreshAll()
  document.body.dataset.ready = 'true'
  setTimeout(poll, POLL_MS)
})
