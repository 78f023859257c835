# frozen_string_literal: true

# Stands in for the idn-ruby gem (libidn, a native extension that ruby.wasm cannot load).
# twitter-text calls IDN::Idna.toASCII(domain) only to check a URL's length after IDNA and
# rejects the URL when it raises. generate.py runs two passes: the first records every
# domain asked about, Python's IDNA 2003 codec (the standard libidn implements, with the
# same Unicode 3.2 nameprep tables) encodes them, the second answers from that table.
module IDN
  class Idna
    class IdnaError < StandardError; end

    def self.toASCII(domain, _flags = 0) # rubocop:disable Naming/MethodName
      ASKED << domain
      return domain if IDN_TABLE.nil?

      IDN_TABLE.fetch(domain) || raise(IdnaError, domain)
    end
  end
end
