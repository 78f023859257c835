// Ruby 3.4 (npm @ruby/3.4-wasm-wasi: Unicode 15.0.0, the Ruby Mastodon pins) as an oracle of its own
// Unicode, for tests/oracles/grapheme_versions.py and tests/oracles/ruby_word.py:
//   node --single-threaded ruby.mjs WORK_DIR graphemes   WORK_DIR/in.json (a JSON array of strings) ->
//        WORK_DIR/out.json {"ruby", "unicode", "counts": [String#grapheme_clusters.size, ...]}
//   node --single-threaded ruby.mjs WORK_DIR word        -> WORK_DIR/out.json {"ruby", "unicode",
//        "ranges": [[first, last], ...]}: the code points Onigmo's [[:word:]] matches
import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { WASI } from 'node:wasi'
import { RubyVM } from '@ruby/wasm-wasi'

const here = dirname(fileURLToPath(import.meta.url))
const [work, op] = process.argv.slice(2)
const binary = await readFile(resolve(here, 'node_modules/@ruby/3.4-wasm-wasi/dist/ruby+stdlib.wasm'))
const wasi = new WASI({
  version: 'preview1',
  returnOnExit: true,
  args: ['ruby'],
  env: { LANG: 'C.UTF-8' },
  preopens: { '/work': resolve(work) },
})
const { vm } = await RubyVM.instantiateModule({ module: await WebAssembly.compile(binary), wasip1: wasi })
const scripts = {
  graphemes: `
    texts = JSON.parse(File.read('/work/in.json', encoding: 'UTF-8'))
    answer[:counts] = texts.map { |t| t.grapheme_clusters.size }`,
  word: `
    ranges = []
    (0..0x10FFFF).each do |c|
      next if c.between?(0xD800, 0xDFFF)
      next unless c.chr(Encoding::UTF_8).match?(/[[:word:]]/)
      if ranges.any? && ranges[-1][1] == c - 1 then ranges[-1][1] = c else ranges << [c, c] end
    end
    answer[:ranges] = ranges`,
}
vm.eval(`
require 'json'
answer = { ruby: RUBY_VERSION, unicode: RbConfig::CONFIG['UNICODE_VERSION'] }
${scripts[op]}
File.write('/work/out.json', JSON.generate(answer))
`)
process.exit(0)
