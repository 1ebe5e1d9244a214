import Leaf
import Vapor

/// `#t("key")` in a template: the string in the request's language, read from the catalogue in
/// place. The layout used to receive the whole catalogue (some 300 strings) encoded into every
/// page's context; now a page encodes only what it shows. Output is HTML-escaped like `#(…)`.
///
/// `#t("key", ":")` appends the second argument: Leaf reads a colon right after a tag as the
/// start of a block, so a label's colon goes inside.
struct TranslationTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string, (1...2).contains(ctx.parameters.count) else {
            throw Abort(.internalServerError, reason: "#t() takes a catalogue key and an optional suffix")
        }
        guard let request = ctx.request else {
            throw Abort(.internalServerError, reason: "#t(\"\(key)\") needs a request")
        }
        return .string(request.text(CatalogueKey(rawValue: key)) + (ctx.parameters.dropFirst().first?.string ?? ""))
    }
}
