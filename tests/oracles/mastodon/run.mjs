// Runs count.rb in ruby.wasm (npm @ruby/3.4-wasm-wasi): node run.mjs PASS MASTODON_DIR GEM_DIR WORK_DIR
import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { WASI } from 'node:wasi'
import { RubyVM } from '@ruby/wasm-wasi'

const here = dirname(fileURLToPath(import.meta.url))
const [pass, mastodon, gem, work] = process.argv.slice(2)
const binary = await readFile(resolve(here, 'node_modules/@ruby/3.4-wasm-wasi/dist/ruby+stdlib.wasm'))
const wasi = new WASI({
  version: 'preview1',
  returnOnExit: true,
  args: ['ruby'],
  env: { LANG: 'C.UTF-8' },
  preopens: { '/oracle': here, '/mastodon': resolve(mastodon), '/gem': resolve(gem), '/work': resolve(work) },
})
const { vm } = await RubyVM.instantiateModule({ module: await WebAssembly.compile(binary), wasip1: wasi })
vm.eval(`Encoding.default_external = Encoding::UTF_8; $PASS = ${Number(pass)}; load '/oracle/count.rb'`)
// Leave at once. (generate.py runs node with --single-threaded: node 20 crashes in its concurrent
// garbage collector while ruby.wasm runs.)
process.exit(0)
