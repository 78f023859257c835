// Starts Bluesky's own PDS (@atproto/pds) and a local did:plc directory (@did-plc/server, in memory), both
// on 127.0.0.1 only, for the end-to-end tests. Run it with the pinned Node (see README.md):
//
//   tests/pds/node_modules/.bin/node tests/pds/start.mjs --data-dir DIR [--ready-file PATH] [--port N]
//
// Every secret (JWT secret, admin password, PLC rotation key) is made afresh at each start and never printed:
// the admin password goes only into the ready file (mode 0600), which the pytest fixture reads. The ready file
// is written, atomically, once both servers listen; stdout gets the same facts without the password.
// SIGTERM or SIGINT stops both servers; with --exit-on-stdin-eof (what the fixture passes) so does the end of
// standard input, so that a test run killed outright leaves no server behind.
import crypto from 'node:crypto'
import events from 'node:events'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { PDS, envToCfg, envToSecrets, readEnv } from '@atproto/pds'
import plcServer from '@did-plc/server'

const HOST = '127.0.0.1'
const PORT_TRIES = 5

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'ready-file': { type: 'string' },
    port: { type: 'string' },
    'exit-on-stdin-eof': { type: 'boolean', default: false },
  },
})
if (!args['data-dir']) {
  console.error('usage: start.mjs --data-dir DIR [--ready-file PATH] [--port N] [--exit-on-stdin-eof]')
  process.exit(2)
}
const dataDir = path.resolve(args['data-dir'])
fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })

// Both packages call app.listen(port), which binds every interface; these servers are for this machine only.
function onLoopback(app) {
  const listen = app.listen.bind(app)
  app.listen = (port, ...rest) => listen(port, HOST, ...rest)
}

// A free loopback port for the PDS. Its public URL (http://localhost:PORT, in every DID document it writes)
// must be known before it starts, so port 0 cannot be handed to it; a lost race is retried (see below).
async function freePort() {
  const probe = net.createServer()
  probe.listen(0, HOST)
  await events.once(probe, 'listening')
  const { port } = probe.address()
  probe.close()
  await events.once(probe, 'close')
  return port
}

// secp256k1 private key as 64 hex digits, the form PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX takes.
function secp256k1Hex() {
  const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'secp256k1' })
  const d = privateKey.export({ format: 'jwk' }).d
  return Buffer.from(d, 'base64url').toString('hex').padStart(64, '0')
}

const secrets = {
  PDS_JWT_SECRET: crypto.randomBytes(32).toString('hex'),
  PDS_ADMIN_PASSWORD: crypto.randomBytes(24).toString('hex'),
  PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX: secp256k1Hex(),
}

const plc = plcServer.PlcServer.create({ db: plcServer.Database.mock(), port: 0 })
onLoopback(plc.app)
await plc.start()
const plcPort = plc.server.address().port
// A host name, not 127.0.0.1: the PDS refuses an IP literal as its PLC directory.
const plcUrl = `http://localhost:${plcPort}`

async function startPds(port) {
  // The PDS's own configuration path (readEnv -> envToCfg/envToSecrets), as its service entry point does.
  // Everything that could reach out points at this machine or is left off: PLC is local, no app view, no
  // crawlers, no email, no Redis; blobs and SQLite files live in the data directory.
  Object.assign(process.env, secrets, {
    PDS_HOSTNAME: 'localhost',
    PDS_PORT: String(port),
    PDS_DATA_DIRECTORY: dataDir,
    PDS_BLOBSTORE_DISK_LOCATION: path.join(dataDir, 'blobs'),
    PDS_DID_PLC_URL: plcUrl,
    PDS_INVITE_REQUIRED: 'false',
    PDS_DEV_MODE: 'true',
    PDS_SERVICE_HANDLE_DOMAINS: '.test',
    PDS_CRAWLERS: '',
  })
  const env = readEnv()
  const pds = await PDS.create(envToCfg(env), envToSecrets(env))
  onLoopback(pds.app)
  try {
    await pds.start()
  } catch (err) {
    await pds.destroy().catch(() => {})
    throw err
  }
  return pds
}

let pds
let pdsPort
for (let attempt = 1; ; attempt++) {
  pdsPort = args.port ? Number(args.port) : await freePort()
  try {
    pds = await startPds(pdsPort)
    break
  } catch (err) {
    if (err?.code !== 'EADDRINUSE' || args.port || attempt >= PORT_TRIES) throw err
    console.error(`port ${pdsPort} was taken before the PDS could bind it; trying another`)
  }
}

const facts = {
  pds_url: `http://localhost:${pdsPort}`,
  pds_port: pdsPort,
  plc_url: plcUrl,
  plc_port: plcPort,
  service_did: pds.ctx.cfg.service.did,
  version: pds.ctx.cfg.service.version,
  node: process.version,
  pid: process.pid,
}
if (args['ready-file']) {
  const tmp = `${args['ready-file']}.tmp`
  fs.writeFileSync(tmp, JSON.stringify({ ...facts, admin_password: secrets.PDS_ADMIN_PASSWORD }), {
    mode: 0o600,
  })
  fs.renameSync(tmp, args['ready-file'])
}
console.log(JSON.stringify({ ready: facts }))

let stopping = false
async function stop(why) {
  if (stopping) return
  stopping = true
  console.error(`stopping (${why})`)
  const results = await Promise.allSettled([pds.destroy(), plc.destroy()])
  const failed = results.filter((r) => r.status === 'rejected')
  for (const r of failed) console.error('error while stopping:', r.reason)
  process.exit(failed.length ? 1 : 0)
}
process.on('SIGTERM', () => stop('SIGTERM'))
process.on('SIGINT', () => stop('SIGINT'))
if (args['exit-on-stdin-eof']) {
  process.stdin.on('end', () => stop('standard input closed'))
  process.stdin.resume()
}
