# frozen_string_literal: true

# Stands in for the unf gem (a native extension): Ruby's own normaliser does the same.
module UNF
  class Normalizer
    def self.normalize(string, form)
      string.unicode_normalize(form)
    end
  end
end

class String
  def to_nfc = unicode_normalize(:nfc)
end
