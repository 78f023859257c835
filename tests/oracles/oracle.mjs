// The platforms' own code as a test oracle for postkit (tests/platforms/test_oracles.py).
//
// Reads JSON requests, one a line, on stdin and answers each with one JSON line:
//   {"op": "count", "texts": [s, ...]}       -> [{x, xValid, bskyApp, bsky, links, tags}, ...]
//   {"op": "validate", "records": [r, ...]}  -> [{valid, error}, ...]
//   {"op": "shortUrl", "urls": [u, ...]}     -> [social-app toShortUrl(u), ...]
//   {"op": "about"}                          -> {node, icu, unicode, twitterText, atprotoApi}
//   {"op": "xUrls", "texts": [s, ...]}       -> [[[start, end, url], ...], ...]: twitter-text 3.1.0
//                                               extractUrlsWithIndices, offsets in code points
//   {"op": "units", "texts": [s, ...]}       -> [{utf16, codepoints, graphemes}, ...]: JavaScript's own
//                                               string length, code points, and Intl.Segmenter's
//                                               grapheme clusters (node's ICU)
//   {"op": "hosts", "hosts": [h, ...]}       -> [new URL('https://' + h + '/').host or null, ...]
//   {"op": "refusedHostChars", "from": a, "to": b} -> [[first, last], ...]: the code points a..b (no
//                                               surrogates) node's URL parser refuses in a host in every
//                                               one of HOST_CONTEXTS (postkit's data/url_host.txt)
//   {"op": "hashtags", "texts": [s, ...]}    -> [{x, bsky, mastodon}, ...]: the hashtags each platform's
//                                               own rule finds, without "#": twitter-text 3.1.0
//                                               extractHashtags, @atproto/api detectFacets tag facets,
//                                               and Mastodon's Tag::HASHTAG_RE with its extractor
//
// x        twitter-text 3.1.0 parseTweet(s).weightedLength (the library X's web composer runs)
// bskyApp  the Bluesky app's composer count: new RichText({text}), detectFacetsWithoutResolution(),
//          then shortenLinks(rt).graphemeLength, with shortenLinks done exactly as social-app does it
//          (RichText.insert / RichText.delete; insert adds the UTF-16 length of the shortened URL to
//          the later facets' UTF-8 offsets, the app's own bug)
// bsky     the same count with each link replaced at its true UTF-8 offsets (the app's intent)
// links    detectFacets link facets [byteStart, byteEnd, uri]; tags: tag facets [byteStart, byteEnd, tag]
// sent     {text, links, tags}: the text the app means to send (links shortened at their true
//          offsets) and its facets moved to match: what a post record should hold
// graphemes  Intl.Segmenter (node's ICU) grapheme clusters of the text as given, no links shortened
//
// social-app read at: src/lib/strings/rich-text-manip.ts @ 125ef1c75610c7add79f6a917bfa058f9265d5d4,
// src/lib/strings/url-helpers.ts (toShortUrl) @ 018aad9253f2a05f9dfb0c6ad851a1a9b9115f5a,
// src/view/com/composer/state/composer.ts @ 025611f3fb664e37de8e8b0f4648a1b19dc09cf2
// (postReducer 'update_richtext': shortenedGraphemeLength = shortenLinks(richtext).graphemeLength).
// social-app is MIT-licensed; toShortUrl below is a restatement of its few lines, the rest is the
// pinned npm packages themselves.
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import twitter from 'twitter-text'
import { AppBskyFeedPost, RichText, UnicodeString } from '@atproto/api'

const SEGMENTER = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
const LINK = 'app.bsky.richtext.facet#link'
const TAG = 'app.bsky.richtext.facet#tag'

// social-app toShortUrl: host + path (with search and hash), a path over 15 cut to 13 + "...".
function toShortUrl(url) {
  let parsed
  try {
    parsed = new URL(url)
  } catch {
    return url
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return url
  const path = (parsed.pathname === '/' ? '' : parsed.pathname) + parsed.search + parsed.hash
  return path.length > 15 ? parsed.host + path.slice(0, 13) + '...' : parsed.host + path
}

// social-app shortenLinks, step for step on @atproto/api's RichText.
function appShortened(rt) {
  if (!rt.facets?.length) return rt
  rt = rt.clone()
  for (const facet of rt.facets) {
    if (!facet.features.find((f) => f.$type === LINK)) continue
    const { byteStart, byteEnd } = facet.index
    const url = rt.unicodeText.slice(byteStart, byteEnd)
    const shortened = new UnicodeString(toShortUrl(url))
    rt.insert(byteStart, shortened.utf16)
    facet.index.byteStart = byteStart
    facet.index.byteEnd = byteStart + shortened.length
    rt.delete(byteStart + shortened.length, byteEnd + shortened.length)
  }
  return rt
}

// The same replacement on true offsets: what the app means to show and send. Returns the
// text and its facets, each moved by what the shortened links before it took away.
function intended(rt) {
  const bytes = rt.unicodeText.utf8
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true }) // keep a leading U+FEFF
  const encoder = new TextEncoder()
  let text = ''
  let pos = 0
  let shift = 0
  const links = []
  const tags = []
  for (const facet of rt.facets ?? []) {
    const { byteStart, byteEnd } = facet.index
    const link = facet.features.find((f) => f.$type === LINK)
    const tag = facet.features.find((f) => f.$type === TAG)
    if (tag) tags.push([byteStart - shift, byteEnd - shift, tag.tag])
    if (!link) continue
    text += decoder.decode(bytes.slice(pos, byteStart))
    const shown = toShortUrl(decoder.decode(bytes.slice(byteStart, byteEnd)))
    const size = encoder.encode(shown).length
    links.push([byteStart - shift, byteStart - shift + size, link.uri])
    text += shown
    shift += byteEnd - byteStart - size
    pos = byteEnd
  }
  return { text: text + decoder.decode(bytes.slice(pos)), links, tags }
}

function count(text) {
  const tweet = twitter.parseTweet(text)
  const rt = new RichText({ text })
  rt.detectFacetsWithoutResolution()
  const links = []
  const tags = []
  for (const facet of rt.facets ?? []) {
    for (const feature of facet.features) {
      const span = [facet.index.byteStart, facet.index.byteEnd]
      if (feature.$type === LINK) links.push([...span, feature.uri])
      else if (feature.$type === TAG) tags.push([...span, feature.tag])
    }
  }
  let bskyApp
  try {
    bskyApp = appShortened(rt).graphemeLength
  } catch (error) {
    bskyApp = null // the app's offset bug can throw on some texts
  }
  const sent = intended(rt)
  return {
    x: tweet.weightedLength,
    xValid: tweet.valid,
    bskyApp,
    bsky: new UnicodeString(sent.text).graphemeLength,
    links,
    tags,
    sent,
    graphemes: [...SEGMENTER.segment(text)].length,
  }
}

function version(name) {
  const url = new URL(`node_modules/${name}/package.json`, import.meta.url)
  return JSON.parse(readFileSync(url, 'utf8')).version
}

function about() {
  return {
    node: process.versions.node,
    ada: process.versions.ada,
    icu: process.versions.icu,
    unicode: process.versions.unicode,
    twitterText: version('twitter-text'),
    twemojiParser: version('twemoji-parser'),
    atprotoApi: version('@atproto/api'),
  }
}

function validate(record) {
  const result = AppBskyFeedPost.validateRecord(record)
  return { valid: result.success, error: result.success ? null : String(result.error?.message ?? result.error) }
}

// twitter-text's URL entities with code-point offsets (JavaScript's are UTF-16 code units).
function xUrls(text) {
  const codePoints = (end) => [...text.slice(0, end)].length
  return twitter.extractUrlsWithIndices(text).map((e) => [codePoints(e.indices[0]), codePoints(e.indices[1]), e.url])
}

// Mastodon's hashtag rule, restated as facts from its source (AGPL: no code copied, the pattern is
// rewritten for JavaScript): app/models/concerns/tag/naming.rb (mastodon/mastodon main, 2026) --
// HASHTAG_SEPARATORS "_\u00B7\u30FB\u200c"; FIRST_SEQUENCE [[:word:]_][[:word:]SEP]*[[:alpha:]SEP]
// then [[:word:]SEP]*[[:word:]_]; LAST_SEQUENCE [[:word:]_]*[[:alpha:]][[:word:]_]*; HASHTAG_RE
// (?<=^|[[:space:]])[#＃](FIRST|LAST) -- and app/lib/extractor.rb extract_hashtags_with_indices (a tag
// right before "://" loses a trailing "http"/"https"). Ruby's POSIX classes on Unicode strings
// (Onigmo): [[:word:]] Alphabetic, Mark, Decimal_Number, Connector_Punctuation, Join_Control;
// [[:alpha:]] Alphabetic; [[:space:]] White_Space.
const M_SEP = '_\u00B7\u30FB\u200C'
const M_WORD = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}'
const M_ALPHA = '\\p{Alphabetic}'
const M_FIRST = `[${M_WORD}_][${M_WORD}${M_SEP}]*[${M_ALPHA}${M_SEP}][${M_WORD}${M_SEP}]*[${M_WORD}_]`
const M_LAST = `[${M_WORD}_]*[${M_ALPHA}][${M_WORD}_]*`
const MASTODON_HASHTAG = new RegExp(`(?<=^|\\p{White_Space})[#\uFF03](${M_FIRST}|${M_LAST})`, 'gu')

function mastodonHashtags(text) {
  const found = []
  for (const match of text.matchAll(MASTODON_HASHTAG)) {
    let tag = match[1]
    const after = text.slice(match.index + match[0].length)
    if (after.startsWith('://')) {
      const http = tag.match(/^(.+)(https?)$/su)
      if (http) tag = http[1]
    }
    found.push(tag)
  }
  return found
}

function hashtags(text) {
  const rt = new RichText({ text })
  rt.detectFacetsWithoutResolution()
  const bsky = []
  for (const facet of rt.facets ?? []) {
    for (const feature of facet.features) if (feature.$type === TAG) bsky.push(feature.tag)
  }
  return { x: twitter.extractHashtags(text), bsky, mastodon: mastodonHashtags(text) }
}

function units(text) {
  return { utf16: text.length, codepoints: [...text].length, graphemes: [...SEGMENTER.segment(text)].length }
}

function host(text) {
  try {
    return new URL('https://' + text + '/').host
  } catch {
    return null
  }
}

// A character alone, after and between letters, after a Hebrew letter (a right-to-left label),
// and after a virama (where a joiner may stand): refused in all of them is refused for the parser
// itself (UTS #46's disallowed status, in node's table), not for the label around it.
const HOST_CONTEXTS = ['{}', 'a{}', 'a{}b', '\u05d0{}', '\u0915\u094d{}', '\u0915\u094d{}\u0915']

function refusedHostChars(from, to) {
  const ranges = []
  for (let code = from; code <= to; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue
    const char = String.fromCodePoint(code)
    if (HOST_CONTEXTS.some((context) => host(context.replace('{}', char) + '.com') !== null)) continue
    const last = ranges[ranges.length - 1]
    if (last && last[1] === code - 1) last[1] = code
    else ranges.push([code, code])
  }
  return ranges
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
for await (const line of lines) {
  if (!line.trim()) continue
  const request = JSON.parse(line)
  let answer
  if (request.op === 'count') answer = request.texts.map(count)
  else if (request.op === 'validate') answer = request.records.map(validate)
  else if (request.op === 'shortUrl') answer = request.urls.map(toShortUrl)
  else if (request.op === 'about') answer = about()
  else if (request.op === 'xUrls') answer = request.texts.map(xUrls)
  else if (request.op === 'units') answer = request.texts.map(units)
  else if (request.op === 'hosts') answer = request.hosts.map(host)
  else if (request.op === 'refusedHostChars') answer = refusedHostChars(request.from, request.to)
  else if (request.op === 'hashtags') answer = request.texts.map(hashtags)
  else answer = { error: `unknown op ${request.op}` }
  process.stdout.write(JSON.stringify(answer) + '\n')
}
