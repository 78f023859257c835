# frozen_string_literal: true

# Runs Mastodon's own StatusLengthValidator#countable_length(combined_text(status)) over the
# corpus, inside ruby.wasm (Ruby 3.4, Unicode 15.0 grapheme rules, as Mastodon pins). run.mjs
# mounts: /oracle (this folder), /gem (the twitter-text 3.1.0 gem), /mastodon (a Mastodon
# checkout), /work (corpus.jsonl in, pass<N>.json out). $PASS is set by run.mjs.
require 'json'
require 'English'

$LOAD_PATH.unshift('/oracle/stubs', '/gem/lib')

# The few ActiveSupport/ActiveModel methods the Mastodon files below call.
class Object
  def blank? = respond_to?(:empty?) ? !!empty? : !self
  def present? = !blank?
end

class String
  def blank? = match?(/\A[[:space:]]*\z/)
end

module ActiveModel
  class Validator
    def initialize(options = {})
      @options = options
    end
  end
end

IDN_TABLE = $PASS == 2 ? JSON.parse(File.read('/work/idna.json', encoding: 'UTF-8')) : nil
ASKED = []

require 'twitter-text'
load '/mastodon/config/initializers/twitter_regex.rb'

# Account::USERNAME_RE and MENTION_RE, read from Mastodon's model (the model needs Rails).
class Account
  source = File.read('/mastodon/app/models/account.rb', encoding: 'UTF-8')
  %w(USERNAME_RE MENTION_RE).each do |name|
    line = source[/^\s*#{name}\s*=.*$/] or raise "#{name} not found in app/models/account.rb"
    class_eval(line)
  end
end

load '/mastodon/app/lib/extractor.rb'
load '/mastodon/app/validators/status_length_validator.rb'

Status = Struct.new(:text, :spoiler_text)
validator = StatusLengthValidator.new
counts = File.foreach('/work/corpus.jsonl', encoding: 'UTF-8').map do |line|
  text = JSON.parse(line)
  validator.send(:countable_length, validator.send(:combined_text, Status.new(text, '')))
end
File.write("/work/pass#{$PASS}.json", JSON.generate({ counts: counts, asked: ASKED.uniq,
                                                      ruby: RUBY_VERSION,
                                                      unicode: RbConfig::CONFIG['UNICODE_VERSION'] }))
