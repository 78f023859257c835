// Prints twemoji-parser's emoji pattern (the one npm twitter-text 3.1.0's parseTweet weighs
// emoji with) rewritten from UTF-16 surrogate pairs to code points, for Python's `re`.
// Its output is the `pattern` in src/postkit/data/twitter_text.toml; test_oracles checks
// that the two agree, so a new pin here shows up as a failing test.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const source = require('twemoji-parser/dist/lib/regex.js').default.source
const version = require('twemoji-parser/package.json').version

const unit = (hex) => parseInt(hex, 16)
const point = (high, low) => 0x10000 + ((unit(high) - 0xd800) << 10) + (unit(low) - 0xdc00)
const escape = (cp) => (cp > 0xffff ? '\\U' + cp.toString(16).padStart(8, '0') : '\\u' + cp.toString(16).padStart(4, '0'))

const HIGH = '\\\\u(d[89ab][0-9a-f]{2})'
const LOW = '\\\\u(d[c-f][0-9a-f]{2})'
let pattern = source.replace(new RegExp(`${HIGH}\\[((?:${LOW.replace(/\(/, '(?:')}(?:-${LOW.replace(/\(/, '(?:')})?)+)\\]`, 'g'),
  (_, high, body) => '[' + body.replace(new RegExp(LOW, 'g'), (__, low) => escape(point(high, low))) + ']')
pattern = pattern.replace(new RegExp(HIGH + LOW, 'g'), (_, high, low) => escape(point(high, low)))
if (/\\ud[89a-f]/.test(pattern)) throw new Error('a surrogate is left in the pattern')
process.stdout.write(JSON.stringify({ version, pattern }) + '\n')
