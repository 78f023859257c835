// Prints the code points npm twitter-text 3.1.0 takes in a hashtag, as ranges: `alpha` (its
// hashtagAlpha: the letters and marks of its own, older Unicode tables) and `alphanumeric`
// (hashtagAlphaNumeric: those, its decimal digits, "_" and a few joiners). Its output is the
// [hashtag] table of src/postkit/data/twitter_text.toml; tests/platforms/test_hashtag_rule.py
// checks that the two agree, so a new pin shows up as a failing test.
import { createRequire } from 'node:module'
import twitter from 'twitter-text'

const require = createRequire(import.meta.url)
const version = require('twitter-text/package.json').version

function ranges(regex) {
  const whole = new RegExp(`^(?:${regex.source})$`)
  const out = []
  let start = null
  for (let cp = 0; cp <= 0x110000; cp++) {
    const taken = cp < 0x110000 && !(cp >= 0xd800 && cp <= 0xdfff) && whole.test(String.fromCodePoint(cp))
    if (taken && start === null) start = cp
    if (!taken && start !== null) {
      out.push([start, cp - 1])
      start = null
    }
  }
  return out.map(([a, b]) => (a === b ? a.toString(16).toUpperCase() : `${a.toString(16).toUpperCase()}-${b.toString(16).toUpperCase()}`))
}

const alpha = ranges(twitter.regexen.hashtagAlpha)
const alphanumeric = ranges(twitter.regexen.hashtagAlphaNumeric)
process.stdout.write(JSON.stringify({ version, alpha, alphanumeric }) + '\n')
